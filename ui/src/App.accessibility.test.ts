// The app shell's accessibility: an axe-core scan of every screen (zero violations; contrast is
// left to the end-to-end scan), and one h1, a skip link and a main landmark on each.
import { screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { heading, startAt } from './test/app';
import { axeViolations } from './test/axe';
import { fail, type Handlers } from './test/commands';
import {
  caseDetail,
  chronologyEntry,
  dashboard,
  dashboardRow,
  funnelReport,
  searchHit,
  settings,
  status,
} from './test/fixtures';

vi.mock('./api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./api')>()),
  call: vi.fn(),
  onCaseloadLocked: vi.fn(async () => () => {}),
  reloadWindow: vi.fn(),
  reportActivity: vi.fn(),
}));

describe('accessibility', () => {
  const unlocked: Handlers = {
    app_status: () => status(),
    dashboard: () =>
      dashboard([
        dashboardRow(),
        dashboardRow({
          id: 'case-2',
          preferred_name: 'Sam',
          legal_name: 'Samira Example',
          severe_absence: true,
          trend: 'down',
          next_due: null,
        }),
        dashboardRow({
          id: 'case-3',
          legal_name: 'Bertram Sample',
          attendance_pct: null,
          trend: null,
          persistent_absence: false,
        }),
      ]),
    case_get: () =>
      caseDetail({
        status: 'accepted',
        allowed_transitions: ['allocate', 'close'],
        attendance: [
          {
            as_at: '2025-02-28',
            possible: 100,
            present: 85,
            authorised: 5,
            unauthorised: 10,
            attendance_pct: 85,
            persistent_absence: true,
            severe_absence: false,
            band: '81-90',
          },
        ],
      }),
    settings_get: () => settings(),
    chronology_list: () => [
      chronologyEntry({ id: 'e1', corrected_by: ['e3'] }),
      chronologyEntry({
        id: 'e2',
        kind: 'phone_call',
        occurred_at: '2025-02-24T09:00',
        outcome: null,
        next_step: null,
      }),
      chronologyEntry({ id: 'e3', corrects: 'e1', what: 'Corrected account of the visit' }),
    ],
    chronology_add: () =>
      fail({
        kind: 'validation',
        message: 'x',
        fields: [{ field: 'occurred_at', message: 'A chronology entry cannot be in the future' }],
      }),
    search: ({ query }) =>
      query.startsWith('nobody')
        ? []
        : [searchHit(), searchHit({ case_id: 'case-2', legal_name: 'Samira Example', preferred_name: null })],
    report_funnel: () => funnelReport(),
    case_transition: () =>
      fail({
        kind: 'validation',
        message: 'x',
        fields: [{ field: 'worker', message: 'Enter the name of the allocated worker' }],
      }),
    attendance_record: () =>
      fail({ kind: 'validation', message: 'x', fields: [{ field: 'sessions', message: 'Check the figures' }] }),
    settings_update: () =>
      fail({ kind: 'validation', message: 'x', fields: [{ field: 'teams', message: 'Keep at least one team' }] }),
  };

  it('finds no axe violations on the first-run screen, with errors showing', async () => {
    await startAt({
      app_status: () => status({ initialised: false, unlocked: false }),
      caseload_create: () =>
        fail({
          kind: 'validation',
          message: 'Check',
          fields: [{ field: 'passphrase', message: 'Enter a passphrase' }],
        }),
    });
    await userEvent.click(screen.getByRole('button', { name: 'Create caseload' }));
    await screen.findAllByText('Enter a passphrase');
    expect(await axeViolations()).toEqual([]);
  });

  it('finds no axe violations on the unlock screen', async () => {
    await startAt({ app_status: () => status({ unlocked: false }) });
    expect(await axeViolations()).toEqual([]);
  });

  it('finds no axe violations on the caseload, case, edit, add and change-passphrase screens', async () => {
    await startAt(unlocked);
    await screen.findByRole('table');
    expect(await axeViolations()).toEqual([]);

    await userEvent.click(within(screen.getByRole('table')).getByRole('link', { name: 'Alexandra Testpupil' }));
    await screen.findByRole('heading', { level: 1, name: /Alex/ });
    expect(await axeViolations()).toEqual([]);

    await userEvent.click(screen.getByRole('button', { name: 'Edit pupil' }));
    await screen.findByRole('heading', { level: 1, name: /Edit case/ });
    expect(await axeViolations()).toEqual([]);

    await userEvent.click(screen.getByRole('link', { name: 'Caseload' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Add a case' }));
    expect(heading()).toHaveTextContent('Add a case');
    expect(await axeViolations()).toEqual([]);

    await userEvent.click(screen.getByRole('link', { name: 'Change passphrase' }));
    expect(await axeViolations()).toEqual([]);
  });

  it('finds no axe violations on the dashboard when sorted and filtered', async () => {
    await startAt(unlocked);
    await screen.findByRole('table');
    await userEvent.click(screen.getByRole('button', { name: 'Attendance 2024/25' }));
    await userEvent.type(screen.getByLabelText('Filter by name, UPN or school'), 'Testschool');
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'Active');
    expect(await axeViolations()).toEqual([]);
    await userEvent.type(screen.getByLabelText('Filter by name, UPN or school'), ' nobody');
    await screen.findByText('No open cases match the filter.');
    expect(await axeViolations()).toEqual([]);
  });

  it('finds no axe violations on the case view with a step form and the attendance form showing errors', async () => {
    await startAt(unlocked);
    await userEvent.click(within(await screen.findByRole('table')).getByRole('link', { name: 'Alexandra Testpupil' }));
    await screen.findByRole('heading', { level: 1, name: /Alex/ });
    await screen.findByRole('region', { name: 'Next step' });
    await userEvent.click(screen.getByRole('button', { name: 'Allocate' }));
    await screen.findByRole('option', { name: 'Attendance taskforce' });
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findAllByText('Enter the name of the allocated worker');
    expect(await axeViolations()).toEqual([]);

    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await userEvent.click(screen.getByRole('button', { name: 'Close case' }));
    expect(await axeViolations()).toEqual([]);

    await userEvent.click(screen.getByRole('link', { name: 'Attendance' }));
    await userEvent.click(screen.getByRole('button', { name: 'Record attendance' }));
    await screen.findAllByText('Check the figures');
    expect(await axeViolations()).toEqual([]);
  });

  it('finds no axe violations on the funnel report and on settings, with errors showing', async () => {
    await startAt(unlocked);
    await userEvent.click(screen.getByRole('link', { name: 'Reports' }));
    await screen.findByRole('table', { name: /Case funnel/ });
    expect(await axeViolations()).toEqual([]);

    await userEvent.click(screen.getByRole('link', { name: 'Settings' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Save settings' }));
    await screen.findAllByText('Keep at least one team');
    expect(await axeViolations()).toEqual([]);
  });

  it('finds no axe violations on the case view’s chronology, with a correction open and its errors showing', async () => {
    await startAt(unlocked);
    await userEvent.click(within(await screen.findByRole('table')).getByRole('link', { name: 'Alexandra Testpupil' }));
    await userEvent.click(await screen.findByRole('link', { name: 'Chronology' }));
    const chronology = await screen.findByRole('region', { name: 'Chronology' });
    await within(chronology).findByText('Corrected account of the visit');
    expect(await axeViolations()).toEqual([]);

    await userEvent.click(
      within(chronology).getByRole('button', { name: 'Correct this entry of 24 February 2025, 9am' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Add correction' }));
    await screen.findAllByText('A chronology entry cannot be in the future');
    expect(await axeViolations()).toEqual([]);

    await userEvent.selectOptions(screen.getByLabelText('Show entries of kind'), 'Phone call');
    expect(await axeViolations()).toEqual([]);
  });

  it('finds no axe violations with search results, or none, showing over a screen', async () => {
    await startAt(unlocked);
    await screen.findByRole('table');
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search pupils' }), 'test');
    await waitFor(() => expect(document.querySelectorAll('#search-results a')).toHaveLength(2));
    expect(await axeViolations()).toEqual([]);
    await userEvent.keyboard('{ArrowDown}');
    expect(await axeViolations()).toEqual([]);

    await userEvent.clear(screen.getByRole('searchbox', { name: 'Search pupils' }));
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search pupils' }), 'nobody');
    await waitFor(() => expect(document.getElementById('search-empty')).toHaveTextContent('No pupils match'));
    expect(await axeViolations()).toEqual([]);
  });

  it('has exactly one h1, a skip link and a main landmark on each screen', async () => {
    await startAt(unlocked);
    expect(document.querySelectorAll('h1')).toHaveLength(1);
    expect(screen.getByRole('link', { name: 'Skip to main content' })).toHaveAttribute('href', '#main-content');
    expect(screen.getByRole('main')).toHaveAttribute('id', 'main-content');
  });
});
