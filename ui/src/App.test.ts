// The app shell: where app_status sends the worker, and the navigation. The accessibility scan of
// every screen is in App.accessibility.test.ts, and locking by itself in App.locking.test.ts.
import { screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { reloadWindow } from './api';
import { router } from './lib/router.svelte';
import { heading, startAt } from './test/app';
import { fail, requestsFor } from './test/commands';
import {
  caseDetail,
  caseloadBands,
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
