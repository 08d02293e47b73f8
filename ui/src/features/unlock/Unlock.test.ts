// The unlock screen: what the worker sees after a wrong passphrase, and where a right one leads.
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { router } from '../../lib/router.svelte';
import { fail, requestsFor, serve } from '../../test/commands';
import { status } from '../../test/fixtures';
import Unlock from './Unlock.svelte';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  call: vi.fn(),
}));

const WRONG = 'The passphrase is not correct';

describe('Unlock', () => {
  beforeEach(() => {
    router.go({ name: 'unlock' });
  });

  it('has the passphrase field focused at start, so a passphrase typed at once and Enter unlock', async () => {
    serve({ unlock: () => status() });
    render(Unlock);
    expect(screen.getByLabelText('Passphrase')).toHaveFocus();
    // Masked as it is typed.
    expect(screen.getByLabelText('Passphrase')).toHaveAttribute('type', 'password');
    await userEvent.keyboard('correct horse battery{Enter}');
    expect(requestsFor('unlock')).toEqual([{ passphrase: 'correct horse battery' }]);
    expect(router.route).toEqual({ name: 'caseload' });
  });

  it('shows the server’s wrong-passphrase message in the summary and on the field', async () => {
    serve({ unlock: () => fail({ kind: 'wrong_passphrase', message: WRONG }) });
    render(Unlock);
    await userEvent.type(screen.getByLabelText('Passphrase'), 'not my passphrase');
    await userEvent.click(screen.getByRole('button', { name: 'Unlock' }));

    const summary = document.querySelector('.govuk-error-summary');
    expect(summary).toHaveFocus();
    expect(summary).toHaveTextContent(WRONG);
    expect(screen.getByRole('link', { name: WRONG })).toHaveAttribute('href', '#unlock-passphrase');
    expect(document.getElementById('passphrase-error')).toHaveTextContent(WRONG);
    expect(screen.getByLabelText('Passphrase')).toHaveAttribute('aria-describedby', 'passphrase-error');
    expect(router.route.name).toBe('unlock');
  });

  it('clears the field after a wrong passphrase and lets the worker try again from the summary link', async () => {
    serve({ unlock: () => fail({ kind: 'wrong_passphrase', message: WRONG }) });
    render(Unlock);
    const field = screen.getByLabelText('Passphrase');
    await userEvent.type(field, 'not my passphrase');
    await userEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(field).toHaveValue('');
    await userEvent.click(screen.getByRole('link', { name: WRONG }));
    expect(field).toHaveFocus();
    expect(field).toBeEnabled();
  });

  it('sends the typed passphrase and opens the caseload when it is right', async () => {
    serve({ unlock: () => status() });
    render(Unlock);
    await userEvent.type(screen.getByLabelText('Passphrase'), 'correct horse battery');
    await userEvent.keyboard('{Enter}');
    expect(requestsFor('unlock')).toEqual([{ passphrase: 'correct horse battery' }]);
    expect(router.route).toEqual({ name: 'caseload' });
  });

  it('shows other failures, such as a database from a newer version, in the summary only', async () => {
    serve({
      unlock: () =>
        fail({
          kind: 'newer_database',
          message: 'This caseload was saved by a newer version of Caseload',
          found: 3,
          supported: 2,
        }),
    });
    render(Unlock);
    await userEvent.type(screen.getByLabelText('Passphrase'), 'correct horse battery');
    await userEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(document.querySelector('.govuk-error-summary')).toHaveTextContent('saved by a newer version');
    expect(document.getElementById('passphrase-error')).toBeNull();
  });

  it('shows why the caseload locked itself, when it did', () => {
    serve({});
    render(Unlock, { notice: 'Caseload locked after 5 minutes without use' });
    expect(screen.getByRole('region', { name: 'Important' })).toHaveTextContent(
      'Caseload locked after 5 minutes without use',
    );
  });

  it('shows no notice when the worker locked it', () => {
    serve({});
    render(Unlock);
    expect(screen.queryByRole('region', { name: 'Important' })).not.toBeInTheDocument();
  });

  it('after too many wrong passphrases, says so and counts the wait down', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const message = 'Too many wrong passphrases. Try again in 4 seconds.';
      serve({ unlock: () => fail({ kind: 'too_many_attempts', message, retry_after_seconds: 4 }) });
      render(Unlock);
      await userEvent.type(screen.getByLabelText('Passphrase'), 'another guess');
      await userEvent.click(screen.getByRole('button', { name: 'Unlock' }));
      expect(document.querySelector('.govuk-error-summary')).toHaveTextContent(message);
      expect(document.getElementById('passphrase-error')).toHaveTextContent(message);
      expect(screen.getByLabelText('Passphrase')).toHaveValue('');
      expect(document.getElementById('unlock-wait')).toHaveTextContent(/You can try again in [34] seconds\./);
      await vi.advanceTimersByTimeAsync(3_000);
      expect(document.getElementById('unlock-wait')).toHaveTextContent('You can try again in 1 second.');
      await vi.advanceTimersByTimeAsync(1_500);
      expect(document.getElementById('unlock-wait')).not.toBeInTheDocument();
      expect(router.route.name).toBe('unlock');
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows a damaged caseload with the latest backup to restore, in the summary, and stays on Unlock', async () => {
    const message =
      'Caseload cannot open this caseload: its database is damaged or has been altered outside Caseload. Restore your latest backup, made 6 December 2026 at 13:40: /media/backups/caseload-backup-2026-12-06-134000.zip';
    serve({
      unlock: () =>
        fail({ kind: 'damaged', message, backup_path: '/media/backups/caseload-backup-2026-12-06-134000.zip' }),
    });
    render(Unlock);
    await userEvent.type(screen.getByLabelText('Passphrase'), 'correct horse battery');
    await userEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(document.querySelector('.govuk-error-summary')).toHaveTextContent(
      'Restore your latest backup, made 6 December 2026 at 13:40',
    );
    expect(document.getElementById('passphrase-error')).toBeNull();
    expect(router.route).toEqual({ name: 'unlock' });
  });
});
