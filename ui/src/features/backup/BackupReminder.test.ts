// The dashboard's backup reminder: shown only when a backup is due, and "Back up now" there.
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { BackupOverview } from '../../api';
import { fail, requestsFor, serve } from '../../test/commands';
import BackupReminder from './BackupReminder.svelte';
import Backups from './Backups.svelte';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  call: vi.fn(),
}));

const MADE = {
  path: '/media/backups/caseload-backup-2026-12-06-134000.zip',
  file_name: 'caseload-backup-2026-12-06-134000.zip',
  created_at: '2026-12-06T13:40:00+00:00',
  size: 3 * 1024 * 1024 + 200 * 1024,
  verified: true,
  present: true,
  restored_from: false,
  shared_to: null,
};

function overview(overrides: Partial<BackupOverview> = {}): BackupOverview {
  return {
    folder: '/media/backups',
    settings: { folder: '/media/backups', keep: 5, remind_after_days: 7 },
    backups: [MADE],
    days_since_last: 9,
    reminder: 'Your last backup was 9 days ago. Back up now',
    ...overrides,
  };
}

describe('BackupReminder', () => {
  it('says how long ago the last backup was, and backs up from there', async () => {
    let due = true;
    serve({
      backup_list: () => (due ? overview() : overview({ days_since_last: 0, reminder: null })),
      backup_now: () => {
        due = false;
        return MADE;
      },
    });
    render(BackupReminder);
    expect(await screen.findByText(/Your last backup was 9 days ago\./)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Back up now' }));
    expect(requestsFor('backup_now')).toEqual([{}]);
    expect(await screen.findByRole('status')).toHaveTextContent('Backed up and checked');
    expect(screen.queryByText(/Your last backup was/)).not.toBeInTheDocument();
  });

  it('shows nothing when no backup is due', async () => {
    serve({ backup_list: () => overview({ days_since_last: 2, reminder: null }) });
    const { container } = render(BackupReminder);
    await vi.waitFor(() => expect(requestsFor('backup_list')).toHaveLength(1));
    expect(container.querySelector('#backup-reminder')).toBeNull();
  });

  it('shows why a backup failed, and keeps the reminder', async () => {
    serve({
      backup_list: () => overview(),
      backup_now: () =>
        fail({
          kind: 'file',
          message: 'The backup folder /media/backups cannot be found: check the path, and that the drive is connected',
          path: '/media/backups',
        }),
    });
    render(BackupReminder);
    await userEvent.click(await screen.findByRole('button', { name: 'Back up now' }));
    expect(await screen.findAllByText(/cannot be found/)).not.toHaveLength(0);
    expect(screen.getByText(/Your last backup was 9 days ago\./)).toBeInTheDocument();
  });
});

describe('Backups in Settings', () => {
  it('lists the backups with when they were made, their size and whether they were checked', async () => {
    serve({ backup_list: () => overview() });
    render(Backups);
    expect(await screen.findByText('6 December 2026, 1:40pm')).toBeInTheDocument();
    expect(screen.getByText('3.2 MB')).toBeInTheDocument();
    expect(screen.getByText('Checked')).toBeInTheDocument();
    expect(screen.getByText(MADE.file_name)).toBeInTheDocument();
    expect(screen.getByText('/media/backups')).toBeInTheDocument();
  });

  it('says when a backup has been copied to the shared drive', async () => {
    serve({
      backup_list: () =>
        overview({ backups: [{ ...MADE, shared_to: '/mnt/share/caseload/backups/aw-0042/' + MADE.file_name }] }),
    });
    render(Backups);
    expect(await screen.findByText('Checked, copied to the shared drive')).toBeInTheDocument();
  });

  it('says when there are none yet', async () => {
    serve({ backup_list: () => overview({ backups: [], days_since_last: null }) });
    render(Backups);
    expect(await screen.findByText('No backups yet.')).toBeInTheDocument();
  });
});
