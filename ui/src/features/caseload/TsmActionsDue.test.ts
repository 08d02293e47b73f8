// The dashboard's "Due this week" also lists the actions agreed at school meetings that fall due
// (tsm_actions_due): what, school, pupil, owner agency and person, due date, an Overdue tag, and a
// link to the meeting. It shows even when the worker has no open cases.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { router } from '../../lib/router.svelte';
import { serve } from '../../test/commands';
import { dashboard, dashboardRow } from '../../test/fixtures';
import { tsmDueAction } from '../../test/schoolFixtures';
import CaseloadList from './CaseloadList.svelte';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  call: vi.fn(),
}));

const ACTIONS = [
  tsmDueAction({ action_id: 7, tsm_id: 'tsm-a', overdue: true, due_on: '2025-03-03' }),
  tsmDueAction({
    action_id: 8,
    tsm_id: 'tsm-b',
    school_name: 'Demo Hill Secondary',
    pupil: '',
    what: 'Share the Year 9 attendance list',
    owner_agency: 'local_authority',
    owner_person: '',
    due_on: '2025-03-07',
  }),
];

function tsmList(): HTMLElement {
  return screen.getByRole('list', { name: 'Actions from school meetings due this week' });
}

describe('Due this week: actions from school meetings', () => {
  beforeEach(() => {
    router.go({ name: 'caseload' });
  });

  it('lists each action with its school, pupil, owner and due date, marking overdue ones in red', async () => {
    serve({ dashboard: () => dashboard([dashboardRow()], { tsm_actions_due: ACTIONS }) });
    render(CaseloadList);
    const due = await screen.findByRole('region', { name: 'Due this week' });
    expect(
      within(due).getByRole('heading', { level: 3, name: 'Actions from school meetings due this week' }),
    ).toBeInTheDocument();
    const items = within(tsmList()).getAllByRole('listitem');
    expect(items.map((i) => i.id)).toEqual(['tsm-due-7', 'tsm-due-8']);
    expect(items[0]).toHaveTextContent('Phone home about the morning routine');
    expect(items[0]).toHaveTextContent(
      'Demo Brook Primary, for Pupil Demo. Owner: School, Champion Demo. Due 3 March 2025.',
    );
    expect(within(items[0]!).getByText('Overdue')).toHaveClass('govuk-tag', 'govuk-tag--red');
    expect(items[1]).toHaveTextContent(
      'Demo Hill Secondary. Owner: Local authority attendance team. Due 7 March 2025.',
    );
    expect(within(items[1]!).queryByText('Overdue')).not.toBeInTheDocument();
    // The cases due this week are still listed first.
    expect(within(due).getByRole('link', { name: 'Alexandra Testpupil' })).toBeInTheDocument();
  });

  it('opens the meeting the action was agreed at', async () => {
    serve({ dashboard: () => dashboard([dashboardRow()], { tsm_actions_due: ACTIONS }) });
    render(CaseloadList);
    await screen.findByRole('region', { name: 'Due this week' });
    const link = within(tsmList()).getByRole('link', { name: 'Share the Year 9 attendance list' });
    expect(link).toHaveAttribute('id', 'tsm-due-link-8');
    await userEvent.click(link);
    expect(router.route).toEqual({ name: 'meeting', id: 'tsm-b' });
  });

  it('says no case checks are due when only meeting actions are', async () => {
    serve({
      dashboard: () => dashboard([dashboardRow({ next_due: null })], { due_this_week: [], tsm_actions_due: ACTIONS }),
    });
    render(CaseloadList);
    const due = await screen.findByRole('region', { name: 'Due this week' });
    expect(due).toHaveTextContent('No midpoint checks or reviews are due this week.');
    expect(due).not.toHaveTextContent('Nothing is due this week.');
    expect(within(tsmList()).getAllByRole('listitem')).toHaveLength(2);
  });

  it('shows the meeting actions even when there are no open cases', async () => {
    serve({ dashboard: () => dashboard([], { tsm_actions_due: ACTIONS }) });
    render(CaseloadList);
    expect(await screen.findByText(/You have no open cases/)).toBeInTheDocument();
    expect(within(tsmList()).getAllByRole('listitem')).toHaveLength(2);
  });

  it('leaves the meeting list out when no meeting actions are due', async () => {
    serve({ dashboard: () => dashboard([dashboardRow()]) });
    render(CaseloadList);
    await screen.findByRole('region', { name: 'Due this week' });
    expect(document.getElementById('tsm-actions-due')).toBeNull();
  });
});
