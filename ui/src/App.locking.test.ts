// The app shell locking by itself: on the desktop app's caseload-locked event every screen of the
// case is cleared and the unlock screen says why, the reason survives the reload, and activity is
// reported while unlocked, at most once a half minute.
import { cleanup, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { onCaseloadLocked, reloadWindow, reportActivity } from './api';
import { router } from './lib/router.svelte';
import { heading, startAt } from './test/app';
import { caseDetail, chronologyEntry, dashboard, searchHit, settings, status } from './test/fixtures';

vi.mock('./api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./api')>()),
  call: vi.fn(),
  onCaseloadLocked: vi.fn(async () => () => {}),
  reloadWindow: vi.fn(),
  reportActivity: vi.fn(),
}));

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
