// First run, "Restore from a backup": choosing the file (the backend's chooser answers a token and
// the file's name, never a path), what is sent to `restore`, and where its errors go.
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { chooseFile } from '../../api';
import { router } from '../../lib/router.svelte';
import { fail, requestsFor, serve } from '../../test/commands';
import { status } from '../../test/fixtures';
import CreateCaseload from './CreateCaseload.svelte';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  call: vi.fn(),
  chooseFile: vi.fn(),
}));

const FILE = 'caseload-backup-2026-12-06-134000.zip';
const CHOSEN = { token: 'tok-backup', name: FILE };

describe('Restore from a backup', () => {
  beforeEach(() => {
    router.go({ name: 'setup' });
    vi.mocked(chooseFile).mockReset();
  });

  it('is offered on the first-run screen beside creating a new caseload', () => {
    render(CreateCaseload);
    expect(screen.getByRole('heading', { name: 'Restore from a backup' })).toBeInTheDocument();
    expect(screen.getByText('No file chosen')).toBeInTheDocument();
    expect(screen.getByLabelText('Passphrase of the backup')).toHaveAttribute('type', 'password');
  });

  it('restores the chosen file with the passphrase and opens the caseload', async () => {
    vi.mocked(chooseFile).mockResolvedValueOnce(CHOSEN);
    serve({ restore: () => status() });
    render(CreateCaseload);
    await userEvent.click(screen.getByRole('button', { name: 'Choose backup file' }));
    expect(await screen.findByText(FILE)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Choose a different file' })).toHaveFocus();
    await userEvent.type(screen.getByLabelText('Passphrase of the backup'), 'correct horse battery');
    await userEvent.click(screen.getByRole('button', { name: 'Restore caseload' }));
    expect(chooseFile).toHaveBeenCalledWith('restore');
    expect(requestsFor('restore')).toEqual([{ chosen: 'tok-backup', passphrase: 'correct horse battery' }]);
    expect(router.route).toEqual({ name: 'caseload' });
  });

  it('keeps the file chosen when the chooser is closed', async () => {
    vi.mocked(chooseFile).mockResolvedValueOnce(CHOSEN).mockResolvedValueOnce(null);
    render(CreateCaseload);
    await userEvent.click(screen.getByRole('button', { name: 'Choose backup file' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Choose a different file' }));
    expect(screen.getByText(FILE)).toBeInTheDocument();
  });

  it('shows the server’s field errors and clears a wrong passphrase', async () => {
    serve({
      restore: () =>
        fail({
          kind: 'validation',
          message: 'There is a problem: 2 fields need correcting',
          fields: [
            { field: 'file', message: 'Choose the backup file' },
            { field: 'passphrase', message: 'Enter the passphrase of the backed-up caseload' },
          ],
        }),
    });
    render(CreateCaseload);
    await userEvent.click(screen.getByRole('button', { name: 'Restore caseload' }));
    expect(await screen.findAllByText('Choose the backup file')).toHaveLength(2);
    expect(screen.getAllByText('Enter the passphrase of the backed-up caseload')).toHaveLength(2);
    expect(router.route).toEqual({ name: 'setup' });

    serve({
      restore: () =>
        fail({
          kind: 'wrong_passphrase',
          message:
            'The passphrase does not open this backup: give the passphrase the caseload had when the backup was made',
        }),
    });
    await userEvent.type(screen.getByLabelText('Passphrase of the backup'), 'wrong horse');
    await userEvent.click(screen.getByRole('button', { name: 'Restore caseload' }));
    expect(await screen.findByText(/does not open this backup/)).toBeInTheDocument();
    expect(screen.getByLabelText('Passphrase of the backup')).toHaveValue('');
  });
});
