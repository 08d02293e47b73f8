// An accessibility scan (axe-core, zero violations; contrast is left to the end-to-end scan) of the
// whole app on the link-school and school-meeting screens, reached through the navigation: the
// dashboard with meeting actions due, term coverage and the meeting list, the plan form and the
// school form showing the server's errors, and the empty states.
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import App from '../../App.svelte';
import { axeViolations } from '../../test/axe';
import { fail, serve, type Handlers } from '../../test/commands';
import { caseloadBands, dashboard, dashboardRow, status } from '../../test/fixtures';
import { coverageRow, linkSchool, tsmCoverage, tsmDueAction, tsmSummary } from '../../test/schoolFixtures';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  call: vi.fn(),
}));

const HELD = tsmSummary({
  id: 'tsm-held',
  status: 'finished',
  meeting_date: '2026-10-05',
  pupils: 3,
  actions: 2,
  open_actions: 1,
});

function handlers(overrides: Handlers = {}): Handlers {
  return {
    app_status: () => status(),
    report_caseload_bands: () => caseloadBands(),
    dashboard: () =>
      dashboard([dashboardRow()], {
        tsm_actions_due: [tsmDueAction({ overdue: true }), tsmDueAction({ action_id: 2 })],
      }),
    link_school_list: () => [
      linkSchool(),
      linkSchool({ urn: '100002', name: 'Demo Hill Secondary', phase: 'secondary', dsl: null }),
    ],
    tsm_coverage: () =>
      tsmCoverage([
        coverageRow({ meeting: HELD }),
        coverageRow({ school_urn: '100002', school_name: 'Demo Hill Secondary', school_phase: 'secondary' }),
      ]),
    tsm_list: () => [HELD],
    tsm_plan: () =>
      fail({
        kind: 'validation',
        message: 'x',
        fields: [{ field: 'meeting_date', message: 'Enter a real date, like 23 11 2026' }],
      }),
    link_school_set: () =>
      fail({
        kind: 'validation',
        message: 'x',
        fields: [
          { field: 'school_urn', message: 'Enter the school URN: 6 digits' },
          { field: 'school_phase', message: 'Choose the school phase' },
          { field: 'attendance_champion', message: "Enter the contact's name" },
          { field: 'dsl', message: 'Enter a real email address' },
        ],
      }),
    ...overrides,
  };
}

async function start(overrides: Handlers = {}) {
  serve(handlers(overrides));
  render(App);
  await waitFor(() => expect(screen.queryByText('Opening Caseload')).not.toBeInTheDocument());
}

function nav(name: string): HTMLElement {
  return within(screen.getByRole('navigation', { name: 'Primary navigation' })).getByRole('link', { name });
}

describe('accessibility of the link-school and school-meeting screens', () => {
  it('finds no axe violations on the dashboard with meeting actions due, or on the school meetings', async () => {
    await start();
    await screen.findByRole('link', { name: /school meeting actions? due/ });
    expect(await axeViolations()).toEqual([]);

    await userEvent.click(nav('School meetings'));
    await screen.findByRole('table', { name: 'All meetings, latest first' });
    await screen.findByText(/have had their meeting this term/);
    expect(await axeViolations()).toEqual([]);
  }, 30_000);

  it('finds no axe violations on the plan form showing errors', async () => {
    await start();
    await userEvent.click(nav('School meetings'));
    await userEvent.click(screen.getByRole('button', { name: 'Plan a meeting' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Plan the meeting' }));
    await screen.findAllByText('Enter a real date, like 23 11 2026');
    expect(await axeViolations()).toEqual([]);

    serve(
      handlers({
        tsm_plan: () => fail({ kind: 'conflict', message: 'A meeting with this school is already planned' }),
      }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Plan the meeting' }));
    await screen.findByText('A meeting with this school is already planned');
    expect(await axeViolations()).toEqual([]);
  }, 30_000);

  it('finds no axe violations on the link schools and the school form showing errors', async () => {
    await start();
    await userEvent.click(nav('Link schools'));
    await screen.findByRole('table', { name: 'Your link schools' });
    expect(await axeViolations()).toEqual([]);

    await userEvent.click(screen.getByRole('link', { name: 'Edit Demo Brook Primary' }));
    await screen.findByRole('button', { name: 'Save changes' });
    expect(await axeViolations()).toEqual([]);

    await userEvent.click(nav('Link schools'));
    await userEvent.click(await screen.findByRole('button', { name: 'Add a link school' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add link school' }));
    await screen.findAllByText('Choose the school phase');
    expect(await axeViolations()).toEqual([]);
  }, 30_000);

  it('finds no axe violations in the empty states', async () => {
    await start({ link_school_list: () => [], tsm_coverage: () => tsmCoverage([]), tsm_list: () => [] });
    await userEvent.click(nav('Link schools'));
    await screen.findByText('You have no link schools yet.');
    expect(await axeViolations()).toEqual([]);

    await userEvent.click(nav('School meetings'));
    await screen.findByText(/No meetings have been planned yet/);
    expect(await axeViolations()).toEqual([]);

    await userEvent.click(screen.getByRole('button', { name: 'Plan a meeting' }));
    await screen.findByText(/You have no link schools yet/);
    expect(await axeViolations()).toEqual([]);
  }, 30_000);
});
