// The app shell: where app_status sends the worker, the navigation, and an accessibility scan of
// every screen (axe-core, zero violations; contrast is left to the end-to-end scan).
import { cleanup, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import App from './App.svelte';
import { onCaseloadLocked, reloadWindow, reportActivity } from './api';
import { router } from './lib/router.svelte';
import { axeViolations } from './test/axe';
import { fail, requestsFor, serve, type Handlers } from './test/commands';
import {
  caseDetail,
  caseloadBands,
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

async function startAt(handlers: Handlers) {
  serve(handlers);
  render(App);
  await waitFor(() => expect(screen.queryByText('Opening Caseload')).not.toBeInTheDocument());
}

function heading() {
  return screen.getByRole('heading', { level: 1 });
}

describe('start-up routing', () => {
  it('shows the first-run screen when no caseload exists', async () => {
    await startAt({ app_status: () => status({ initialised: false, unlocked: false }) });
    expect(heading()).toHaveTextContent('Create your caseload');
    expect(heading()).toHaveAttribute('id', 'page-title');
  });

  it('shows the unlock screen when the caseload is locked', async () => {
    await startAt({ app_status: () => status({ unlocked: false }) });
    expect(heading()).toHaveTextContent('Unlock Caseload');
    expect(screen.queryByRole('navigation')).not.toBeInTheDocument();
  });

  it('shows the caseload when it is already unlocked', async () => {
    await startAt({ app_status: () => status(), dashboard: () => dashboard([dashboardRow()]) });
    expect(heading()).toHaveTextContent('Your caseload');
    const table = await screen.findByRole('table');
    expect(within(table).getByRole('link', { name: 'Alexandra Testpupil' })).toHaveAttribute('data-case-id', 'case-1');
  });

  it('moves focus to the heading of each new screen', async () => {
    await startAt({ app_status: () => status(), dashboard: () => dashboard([]) });
    expect(heading()).toHaveFocus();
    await userEvent.click(screen.getByRole('link', { name: 'Change passphrase' }));
    expect(heading()).toHaveTextContent('Change passphrase');
    expect(heading()).toHaveFocus();
  });

  it('gives the unlock screen’s passphrase field focus instead of its heading', async () => {
    await startAt({ app_status: () => status({ unlocked: false }) });
    expect(screen.getByLabelText('Passphrase')).toHaveFocus();
  });

  it('shows the error and a way to try again when app_status fails', async () => {
    await startAt({
      app_status: () => fail({ kind: 'in_use', message: 'Caseload is already open in another window' }),
    });
    expect(screen.getByText('Caseload is already open in another window')).toBeInTheDocument();
    expect(document.querySelector('.govuk-error-summary')).toHaveFocus();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });

  it('asks app_status again on "Try again" and goes on to the screen it names', async () => {
    let opened = false;
    await startAt({
      app_status: () => (opened ? status({ unlocked: false }) : fail({ kind: 'in_use', message: 'Already open' })),
    });
    opened = true;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(heading()).toHaveTextContent('Unlock Caseload'));
    expect(screen.queryByText('Already open')).not.toBeInTheDocument();
    expect(requestsFor('app_status')).toHaveLength(2);
  });
});

describe('navigation', () => {
  it('locks the caseload from the navigation and returns to the unlock screen', async () => {
    const lock = vi.fn(() => status({ unlocked: false }));
    await startAt({ app_status: () => status(), dashboard: () => dashboard([]), lock });
    await userEvent.click(screen.getByRole('button', { name: 'Lock' }));
    expect(lock).toHaveBeenCalledOnce();
    expect(heading()).toHaveTextContent('Unlock Caseload');
  });

  it('says why the caseload could not be locked, until the worker moves on', async () => {
    await startAt({
      app_status: () => status(),
      dashboard: () => dashboard([]),
      lock: () => fail({ kind: 'storage', message: 'The caseload file could not be closed' }),
    });
    await userEvent.click(screen.getByRole('button', { name: 'Lock' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The caseload file could not be closed');
    expect(heading()).toHaveTextContent('Your caseload');
    await userEvent.click(screen.getByRole('link', { name: 'Change passphrase' }));
    expect(screen.queryByText('The caseload file could not be closed')).not.toBeInTheDocument();
  });

  it('reloads the window after the worker locks, so nothing of a case stays in the page', async () => {
    vi.mocked(reloadWindow).mockClear();
    await startAt({
      app_status: () => status(),
      dashboard: () => dashboard([]),
      lock: () => status({ unlocked: false }),
    });
    await userEvent.click(screen.getByRole('button', { name: 'Lock' }));
    expect(reloadWindow).toHaveBeenCalledOnce();
  });

  it('goes to the unlock screen when a command reports the caseload is locked', async () => {
    await startAt({
      app_status: () => status(),
      dashboard: () => fail({ kind: 'locked', message: 'The caseload is locked' }),
    });
    await waitFor(() => expect(heading()).toHaveTextContent('Unlock Caseload'));
  });

  it('opens Change passphrase from the navigation and marks it as the current page', async () => {
    await startAt({ app_status: () => status(), dashboard: () => dashboard([]) });
    await userEvent.click(screen.getByRole('link', { name: 'Change passphrase' }));
    expect(heading()).toHaveTextContent('Change passphrase');
    expect(screen.getByRole('link', { name: 'Change passphrase' })).toHaveAttribute('aria-current', 'page');
  });

  it('offers "Search pupils" in the header only while the caseload is unlocked', async () => {
    await startAt({ app_status: () => status({ unlocked: false }) });
    expect(screen.queryByRole('searchbox')).not.toBeInTheDocument();
  });

  it('opens the case chosen from the search results', async () => {
    await startAt({
      app_status: () => status(),
      dashboard: () => dashboard([]),
      search: () => [searchHit({ case_id: 'case-7' })],
      case_get: () => caseDetail({ id: 'case-7' }),
      settings_get: () => settings(),
      chronology_list: () => [],
    });
    const search = within(screen.getByRole('banner')).getByRole('searchbox', { name: 'Search pupils' });
    await userEvent.type(search, 'alex');
    await userEvent.click(await screen.findByRole('link', { name: /Alex \(Alexandra Testpupil\)/ }));
    expect(await screen.findByRole('heading', { level: 1, name: /Alex/ })).toHaveFocus();
    expect(requestsFor('case_get')).toEqual([{ id: 'case-7' }]);
    expect(search).toHaveValue('');
  });

  it('switches between the parts of a case without loading the case again or leaving the tab link', async () => {
    router.go({ name: 'loading' });
    await startAt({
      app_status: () => status(),
      dashboard: () => dashboard([]),
      search: () => [searchHit({ case_id: 'case-7' })],
      case_get: () => caseDetail({ id: 'case-7' }),
      settings_get: () => settings(),
      chronology_list: () => [],
    });
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search pupils' }), 'alex');
    await userEvent.click(await screen.findByRole('link', { name: /Alex \(Alexandra Testpupil\)/ }));
    await screen.findByRole('heading', { level: 1, name: /Alex/ });
    const history = screen.getByRole('link', { name: 'History' });
    await userEvent.click(history);
    expect(await screen.findByRole('heading', { level: 2, name: 'History' })).toBeInTheDocument();
    expect(history).toHaveFocus();
    expect(history).toHaveAttribute('aria-current', 'page');
    expect(requestsFor('case_get')).toHaveLength(1);
  });

  it('opens Reports and Settings from the navigation, each marked as the current page', async () => {
    await startAt({
      app_status: () => status(),
      dashboard: () => dashboard([]),
      settings_get: () => settings(),
      report_caseload_bands: () => caseloadBands(),
      report_funnel: () => funnelReport(),
    });
    const reports = screen.getByRole('link', { name: 'Reports' });
    expect(reports).toHaveAttribute('id', 'nav-reports');
    await userEvent.click(reports);
    expect(heading()).toHaveTextContent('Case funnel');
    expect(reports).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('link', { name: 'Caseload' })).not.toHaveAttribute('aria-current');

    const settingsLink = screen.getByRole('link', { name: 'Settings' });
    expect(settingsLink).toHaveAttribute('id', 'nav-settings');
    await userEvent.click(settingsLink);
    expect(heading()).toHaveTextContent('Settings');
    expect(settingsLink).toHaveAttribute('aria-current', 'page');
    expect(await screen.findByRole('button', { name: 'Save settings' })).toBeInTheDocument();
  });
});

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
    await userEvent.click(screen.getByRole('button', { name: 'Attendance' }));
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

describe('locking by itself', () => {
  const openCase = {
    app_status: () => status(),
    dashboard: () => dashboard([]),
    search: () => [searchHit({ case_id: 'case-7' })],
    case_get: () => caseDetail({ id: 'case-7' }),
    settings_get: () => settings(),
    chronology_list: () => [chronologyEntry()],
  };

  async function showCase() {
    await startAt(openCase);
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search pupils' }), 'alex');
    await userEvent.click(await screen.findByRole('link', { name: /Alex \(Alexandra Testpupil\)/ }));
    await screen.findByRole('heading', { level: 1, name: /Alex/ });
  }

  /** What the desktop app does when the caseload locks itself: sends `caseload-locked`. */
  function fireLocked(notice: string | null) {
    const handler = vi.mocked(onCaseloadLocked).mock.calls.at(-1)?.[0];
    if (!handler) throw new Error('the app did not listen for caseload-locked');
    handler(notice);
  }

  it('clears every screen of the case and shows the unlock screen with why it locked', async () => {
    vi.mocked(reloadWindow).mockClear();
    await showCase();
    expect(document.body).toHaveTextContent('Alexandra Testpupil');
    fireLocked('Caseload locked after 5 minutes without use');
    await waitFor(() => expect(heading()).toHaveTextContent('Unlock Caseload'));
    expect(router.route).toEqual({ name: 'unlock', notice: 'Caseload locked after 5 minutes without use' });
    expect(document.body).not.toHaveTextContent('Alexandra');
    expect(document.body).not.toHaveTextContent('Testpupil');
    expect(screen.queryByRole('searchbox')).not.toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Important' })).toHaveTextContent(
      'Caseload locked after 5 minutes without use',
    );
    expect(reloadWindow).toHaveBeenCalledOnce();
  });

  it('shows why it locked after the reload, from app_status', async () => {
    await startAt({
      app_status: () => status({ unlocked: false, lock_notice: 'Caseload locked when the laptop went to sleep' }),
    });
    expect(heading()).toHaveTextContent('Unlock Caseload');
    expect(screen.getByText('Caseload locked when the laptop went to sleep')).toBeInTheDocument();
  });

  it('reports typing and pointing while unlocked, at most once a half minute, and not while locked', async () => {
    vi.mocked(reportActivity).mockClear();
    await startAt({ app_status: () => status({ unlocked: false }) });
    await userEvent.type(screen.getByLabelText('Passphrase'), 'abc');
    expect(reportActivity).not.toHaveBeenCalled();
    cleanup();
    await showCase();
    expect(reportActivity).toHaveBeenCalledOnce();
    await userEvent.click(screen.getByRole('link', { name: 'History' }));
    await userEvent.keyboard('x');
    expect(reportActivity).toHaveBeenCalledOnce();
  });
});
