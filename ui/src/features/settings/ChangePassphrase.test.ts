// Changing the passphrase: the request, the banner on success, and a wrong current passphrase.
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { router } from '../../lib/router.svelte';
import { fail, requestsFor, serve } from '../../test/commands';
import ChangePassphrase from './ChangePassphrase.svelte';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  call: vi.fn(),
}));

async function fill(current: string, next: string, confirm: string) {
  await userEvent.type(screen.getByLabelText('Current passphrase'), current);
  await userEvent.type(screen.getByLabelText('New passphrase'), next);
  await userEvent.type(screen.getByLabelText('Confirm new passphrase'), confirm);
  await userEvent.click(screen.getByRole('button', { name: 'Change passphrase' }));
}

describe('ChangePassphrase', () => {
  beforeEach(() => {
    router.go({ name: 'change-passphrase' });
  });

  it('sends all three passphrases and returns to the caseload with what was done as the notice', async () => {
    serve({ passphrase_change: () => ({ rekeyed: false, message: 'Passphrase changed.' }) });
    render(ChangePassphrase);
    await fill('old passphrase 1', 'new passphrase 22', 'new passphrase 22');
    expect(requestsFor('passphrase_change')).toEqual([
      {
        current_passphrase: 'old passphrase 1',
        new_passphrase: 'new passphrase 22',
        new_passphrase_confirm: 'new passphrase 22',
        passphrase_known: false,
      },
    ]);
    expect(router.route).toEqual({ name: 'caseload', notice: 'Passphrase changed.' });
  });

  it('asks for a re-key when the worker thinks the passphrase is known', async () => {
    serve({ passphrase_change: () => ({ rekeyed: true, message: 'Passphrase changed and re-encrypted.' }) });
    render(ChangePassphrase);
    await userEvent.click(screen.getByLabelText('I think my passphrase is known to someone else'));
    await fill('old passphrase 1', 'new passphrase 22', 'new passphrase 22');
    expect(requestsFor('passphrase_change')[0]).toMatchObject({ passphrase_known: true });
    expect(router.route).toEqual({ name: 'caseload', notice: 'Passphrase changed and re-encrypted.' });
  });

  it('shows a wrong current passphrase on the current passphrase field', async () => {
    serve({ passphrase_change: () => fail({ kind: 'wrong_passphrase', message: 'The passphrase is not correct' }) });
    render(ChangePassphrase);
    await fill('wrong one here', 'new passphrase 22', 'new passphrase 22');
    expect(document.getElementById('current_passphrase-error')).toHaveTextContent('The passphrase is not correct');
    expect(screen.getByRole('link', { name: 'The passphrase is not correct' })).toHaveAttribute(
      'href',
      '#current_passphrase',
    );
    expect(router.route.name).toBe('change-passphrase');
  });

  it('shows validation errors for the new passphrase fields', async () => {
    serve({
      passphrase_change: () =>
        fail({
          kind: 'validation',
          message: 'x',
          fields: [{ field: 'new_passphrase_confirm', message: 'New passphrases do not match' }],
        }),
    });
    render(ChangePassphrase);
    await fill('old passphrase 1', 'new passphrase 22', 'something else 22');
    expect(document.getElementById('new_passphrase_confirm-error')).toHaveTextContent('New passphrases do not match');
  });

  it('after too many wrong passphrases, shows the wait on the current passphrase field', async () => {
    const message = 'Too many wrong passphrases. Try again in 4 seconds.';
    serve({ passphrase_change: () => fail({ kind: 'too_many_attempts', message, retry_after_seconds: 4 }) });
    render(ChangePassphrase);
    await fill('another guess 1', 'new passphrase 22', 'new passphrase 22');
    expect(document.getElementById('current_passphrase-error')).toHaveTextContent(message);
    expect(screen.getByLabelText('Current passphrase')).toHaveValue('');
  });
});
