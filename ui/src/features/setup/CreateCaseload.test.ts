// First run: creating the caseload and showing the server's passphrase errors.
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { router } from '../../lib/router.svelte';
import { fail, requestsFor, serve } from '../../test/commands';
import { status } from '../../test/fixtures';
import CreateCaseload from './CreateCaseload.svelte';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  call: vi.fn(),
}));

describe('CreateCaseload', () => {
  beforeEach(() => {
    router.go({ name: 'setup' });
  });

  it('explains that the caseload is encrypted here and the passphrase cannot be recovered', () => {
    render(CreateCaseload);
    expect(screen.getByText(/encrypted file on this laptop/)).toBeInTheDocument();
    expect(screen.getByText(/cannot be recovered/)).toBeInTheDocument();
    expect(screen.getByLabelText('Passphrase')).toHaveAttribute('autocomplete', 'new-password');
    expect(screen.getByLabelText('Confirm passphrase')).toHaveAttribute('type', 'password');
  });

  it('offers, near the top, to restore from a backup instead: the link takes focus to the file chooser', async () => {
    render(CreateCaseload);
    await userEvent.click(screen.getByRole('link', { name: 'Restore your caseload from a backup' }));
    expect(screen.getByRole('button', { name: 'Choose backup file' })).toHaveFocus();
    expect(router.route).toEqual({ name: 'setup' });
  });

  it('has the passphrase field focused at start: typed, Tab, typed again and Enter creates the caseload', async () => {
    serve({ caseload_create: () => status() });
    render(CreateCaseload);
    expect(screen.getByLabelText('Passphrase')).toHaveFocus();
    await userEvent.keyboard('correct horse battery');
    await userEvent.tab();
    expect(screen.getByLabelText('Confirm passphrase')).toHaveFocus();
    await userEvent.keyboard('correct horse battery{Enter}');
    expect(requestsFor('caseload_create')).toEqual([
      { passphrase: 'correct horse battery', passphrase_confirm: 'correct horse battery' },
    ]);
    expect(router.route).toEqual({ name: 'caseload' });
  });

  it('creates the caseload with both passphrases and opens the empty caseload', async () => {
    serve({ caseload_create: () => status() });
    render(CreateCaseload);
    await userEvent.type(screen.getByLabelText('Passphrase'), 'correct horse battery');
    await userEvent.type(screen.getByLabelText('Confirm passphrase'), 'correct horse battery');
    await userEvent.click(screen.getByRole('button', { name: 'Create caseload' }));
    expect(requestsFor('caseload_create')).toEqual([
      { passphrase: 'correct horse battery', passphrase_confirm: 'correct horse battery' },
    ]);
    expect(router.route).toEqual({ name: 'caseload' });
  });

  it('shows each field error from the server next to its field and in the summary', async () => {
    serve({
      caseload_create: () =>
        fail({
          kind: 'validation',
          message: 'There is a problem',
          fields: [
            { field: 'passphrase', message: 'Passphrase must be at least 12 characters' },
            { field: 'passphrase_confirm', message: 'Passphrases do not match' },
          ],
        }),
    });
    render(CreateCaseload);
    await userEvent.type(screen.getByLabelText('Passphrase'), 'short');
    await userEvent.click(screen.getByRole('button', { name: 'Create caseload' }));
    expect(document.getElementById('passphrase-error')).toHaveTextContent('at least 12 characters');
    expect(document.getElementById('passphrase_confirm-error')).toHaveTextContent('do not match');
    expect(screen.getByRole('link', { name: 'Passphrases do not match' })).toHaveAttribute(
      'href',
      '#passphrase_confirm',
    );
    expect(router.route.name).toBe('setup');
  });
});
