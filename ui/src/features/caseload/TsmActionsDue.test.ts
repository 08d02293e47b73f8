// The dashboard's "needs attention" strip counts the actions agreed at school meetings that fall
// due (tsm_actions_due) and links to School meetings, rather than listing them; the count shows
// even when the worker has no open cases.
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { router } from '../../lib/router.svelte';
import { serve } from '../../test/commands';
import { caseloadBands, dashboard, dashboardRow } from '../../test/fixtures';
import { tsmDueAction } from '../../test/schoolFixtures';
import CaseloadList from './CaseloadList.svelte';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  call: vi.fn(),
}));

const ACTIONS = [
  tsmDueAction({ action_id: 7, tsm_id: 'tsm-a', overdue: true, due_on: '2025-03-03' }),
  tsmDueAction({ action_id: 8, tsm_id: 'tsm-b', what: 'Share the Year 9 attendance list', due_on: '2025-03-07' }),
];

describe('Needs attention: actions from school meetings', () => {
  beforeEach(() => {
    router.go({ name: 'caseload' });
  });

  it('counts the actions due, saying how many are overdue, and lists none of them', async () => {
    serve({
      dashboard: () => dashboard([dashboardRow()], { tsm_actions_due: ACTIONS }),
      report_caseload_bands: () => caseloadBands(),
    });
    render(CaseloadList);
    const link = await screen.findByRole('link', { name: '2 school meeting actions due (1 overdue)' });
    expect(link).toHaveAttribute('id', 'tsm-actions-due-link');
    expect(screen.queryByText('Share the Year 9 attendance list')).not.toBeInTheDocument();
    expect(screen.queryByText('Phone home about the morning routine')).not.toBeInTheDocument();
  });

  it('opens School meetings from the count', async () => {
    serve({
      dashboard: () => dashboard([dashboardRow()], { tsm_actions_due: ACTIONS }),
      report_caseload_bands: () => caseloadBands(),
    });
    render(CaseloadList);
    await userEvent.click(await screen.findByRole('link', { name: /school meeting actions due/ }));
    expect(router.route).toEqual({ name: 'meetings' });
  });

  it('says "action" for one and leaves out the overdue part when none is overdue', async () => {
    serve({
      dashboard: () => dashboard([dashboardRow()], { tsm_actions_due: [ACTIONS[1]!] }),
      report_caseload_bands: () => caseloadBands(),
    });
    render(CaseloadList);
    expect(await screen.findByRole('link', { name: '1 school meeting action due' })).toBeInTheDocument();
  });

  it('shows the count even when there are no open cases', async () => {
    serve({ dashboard: () => dashboard([], { tsm_actions_due: ACTIONS }) });
    render(CaseloadList);
    expect(await screen.findByText(/You have no open cases/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '2 school meeting actions due (1 overdue)' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /overdue/ })).not.toBeInTheDocument();
  });

  it('says when no meeting actions are due', async () => {
    serve({ dashboard: () => dashboard([dashboardRow()]), report_caseload_bands: () => caseloadBands() });
    render(CaseloadList);
    const strip = await screen.findByRole('region', { name: 'Needs attention' });
    expect(strip).toHaveTextContent('No school meeting actions due');
    expect(document.getElementById('tsm-actions-due-link')).toBeNull();
  });
});
