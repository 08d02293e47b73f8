// "Settings": teams and the review cycle from settings_get, adding and removing teams, what is
// sent to settings_update, and where its errors go.
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SettingsUpdate, ShareSettingsRequest } from '../../api';
import { router } from '../../lib/router.svelte';
import { fail, requestsFor, serve } from '../../test/commands';
import { aboutInfo, settings } from '../../test/fixtures';
import { shareSettings } from '../../test/exportFixtures';
import Settings from './Settings.svelte';

function backupOverview() {
  return {
    folder: '/home/worker/Documents/Caseload/Backups',
    settings: { folder: '', keep: 5, remind_after_days: 7 },
    backups: [],
    days_since_last: null,
    reminder: 'You have not backed up this caseload yet. Back up now',
  };
}

function noLookup() {
  return { loaded: false, file_name: null, loaded_at: null, postcodes: 0, wards: 0, left_out: 0 };
}

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  call: vi.fn(),
}));

function input(id: string): HTMLInputElement {
  return document.getElementById(id) as HTMLInputElement;
}

async function loaded() {
  await screen.findByRole('button', { name: 'Save settings' });
}

describe('Settings', () => {
  beforeEach(() => {
    router.go({ name: 'settings' });
  });

  it('shows the teams and the cycle as stored', async () => {
    serve({
      settings_get: () => settings(),
      share_settings_get: () => shareSettings(),
      local_model_get: () => ({ name: '', groups: [] }),
      postcode_lookup_status: () => noLookup(),
      about: () => aboutInfo(),
      backup_list: () => backupOverview(),
    });
    render(Settings);
    await loaded();
    expect(input('team-id-0')).toHaveValue('afsw');
    expect(input('team-name-0')).toHaveValue('Attendance and family support workers');
    expect(input('team-id-1')).toHaveValue('taskforce');
    expect(input('cycle_weeks')).toHaveValue('6');
    expect(input('midpoint_week')).toHaveValue('3');
    expect(input('lock_after_minutes')).toHaveValue('5');
  });

  it('saves the minutes before Caseload locks and shows the server’s range message on that field', async () => {
    const update = vi.fn((s: SettingsUpdate) =>
      s.lock_after_minutes > 30
        ? fail({
            kind: 'validation',
            message: 'x',
            fields: [{ field: 'lock_after_minutes', message: 'Lock after between 1 and 30 minutes without use' }],
          })
        : { ...s, backup: { folder: '', ...s.backup } },
    );
    serve({
      settings_get: () => settings(),
      share_settings_get: () => shareSettings(),
      local_model_get: () => ({ name: '', groups: [] }),
      postcode_lookup_status: () => noLookup(),
      about: () => aboutInfo(),
      backup_list: () => backupOverview(),
      settings_update: update,
    });
    render(Settings);
    await loaded();
    await userEvent.clear(input('lock_after_minutes'));
    await userEvent.type(input('lock_after_minutes'), '45');
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(input('lock_after_minutes-error')).toHaveTextContent('Lock after between 1 and 30 minutes without use');
    await userEvent.clear(input('lock_after_minutes'));
    await userEvent.type(input('lock_after_minutes'), '15');
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(requestsFor('settings_update').map((r) => r.lock_after_minutes)).toEqual([45, 15]);
    expect(screen.getByRole('alert')).toHaveTextContent('Settings saved');
    expect(input('lock_after_minutes')).toHaveValue('15');
  });

  it('adds a team, removes another and saves the list and cycle as numbers', async () => {
    const update = vi.fn((s: SettingsUpdate) => ({ ...s, backup: { folder: '', ...s.backup } }));
    serve({
      settings_get: () => settings(),
      share_settings_get: () => shareSettings(),
      local_model_get: () => ({ name: '', groups: [] }),
      postcode_lookup_status: () => noLookup(),
      about: () => aboutInfo(),
      backup_list: () => backupOverview(),
      settings_update: update,
    });
    render(Settings);
    await loaded();
    await userEvent.click(screen.getByRole('button', { name: 'Add a team' }));
    expect(input('team-id-2')).toHaveFocus();
    await userEvent.type(input('team-id-2'), 'early-help');
    await userEvent.type(input('team-name-2'), 'Early help');
    await userEvent.click(screen.getByRole('button', { name: /Remove team 2/ }));
    expect(screen.getByRole('button', { name: 'Add a team' })).toHaveFocus();
    await userEvent.clear(input('cycle_weeks'));
    await userEvent.type(input('cycle_weeks'), '8');
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(requestsFor('settings_update')).toEqual([
      {
        teams: [
          { id: 'afsw', name: 'Attendance and family support workers' },
          { id: 'early-help', name: 'Early help' },
        ],
        cycle: { cycle_weeks: 8, midpoint_week: 3 },
        lock_after_minutes: 5,
        backup: { keep: 5, remind_after_days: 7 },
        retention: { age_years: 25, years_after_closure: 6, outbox_purge_days: 30 },
      },
    ]);
    expect(screen.getByRole('alert')).toHaveTextContent('Settings saved');
    expect(input('team-id-1')).toHaveValue('early-help');
  });

  it('shows the backup folder, and saves how many to keep and when to remind without it', async () => {
    const update = vi.fn((s: SettingsUpdate) => ({ ...s, backup: { folder: '', ...s.backup } }));
    serve({
      settings_get: () => settings({ backup: { folder: '/media/usb', keep: 5, remind_after_days: 7 } }),
      share_settings_get: () => shareSettings(),
      local_model_get: () => ({ name: '', groups: [] }),
      postcode_lookup_status: () => noLookup(),
      about: () => aboutInfo(),
      backup_list: () => backupOverview(),
      settings_update: update,
    });
    render(Settings);
    await loaded();
    expect(input('backup_folder')).toHaveValue('/media/usb');
    await userEvent.clear(input('backup_keep'));
    await userEvent.type(input('backup_keep'), '3');
    await userEvent.clear(input('backup_remind_after_days'));
    await userEvent.type(input('backup_remind_after_days'), 'ten');
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(requestsFor('settings_update')).toEqual([]);
    expect(await screen.findAllByText('Enter the days before a reminder as a whole number of days')).toHaveLength(2);
    await userEvent.clear(input('backup_remind_after_days'));
    await userEvent.type(input('backup_remind_after_days'), '10');
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(requestsFor('settings_update')[0]?.backup).toEqual({ keep: 3, remind_after_days: 10 });
    expect(input('backup_folder')).toHaveAttribute('readonly');
    expect(screen.getByRole('button', { name: 'Back up now' })).toBeInTheDocument();
  });

  it('shows and saves the retention rule, and links to the cases due', async () => {
    const update = vi.fn((s: SettingsUpdate) => ({ ...s, backup: { folder: '', ...s.backup } }));
    serve({
      settings_get: () => settings(),
      share_settings_get: () => shareSettings(),
      local_model_get: () => ({ name: '', groups: [] }),
      postcode_lookup_status: () => noLookup(),
      about: () => aboutInfo(),
      backup_list: () => backupOverview(),
      settings_update: update,
    });
    render(Settings);
    await loaded();
    expect(input('retention_age_years')).toHaveValue('25');
    expect(input('retention_years_after_closure')).toHaveValue('6');
    expect(input('outbox_purge_days')).toHaveValue('30');
    await userEvent.clear(input('retention_years_after_closure'));
    await userEvent.type(input('retention_years_after_closure'), '7');
    await userEvent.clear(input('outbox_purge_days'));
    await userEvent.type(input('outbox_purge_days'), 'a month');
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(requestsFor('settings_update')).toEqual([]);
    expect(await screen.findByText('Enter the days as a whole number', { selector: 'a' })).toHaveAttribute(
      'href',
      '#outbox_purge_days',
    );
    await userEvent.clear(input('outbox_purge_days'));
    await userEvent.type(input('outbox_purge_days'), '14');
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(requestsFor('settings_update')[0].retention).toEqual({
      age_years: 25,
      years_after_closure: 7,
      outbox_purge_days: 14,
    });
    await userEvent.click(screen.getByRole('link', { name: 'See the closed cases due for review for deletion' }));
    expect(router.route).toEqual({ name: 'retention' });
  });

  it('shows the server’s errors on the teams and the cycle fields', async () => {
    serve({
      settings_get: () => settings(),
      share_settings_get: () => shareSettings(),
      local_model_get: () => ({ name: '', groups: [] }),
      postcode_lookup_status: () => noLookup(),
      about: () => aboutInfo(),
      backup_list: () => backupOverview(),
      settings_update: () =>
        fail({
          kind: 'validation',
          message: 'x',
          fields: [
            { field: 'teams', message: 'Each team needs a unique id (lower-case letters, digits, hyphens) and a name' },
            { field: 'midpoint_week', message: 'The midpoint must fall before the last week of the cycle' },
          ],
        }),
    });
    render(Settings);
    await loaded();
    await userEvent.clear(input('team-id-0'));
    await userEvent.type(input('team-id-0'), 'Bad Id');
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(input('teams-error')).toHaveTextContent('Each team needs a unique id');
    expect(input('midpoint_week-error')).toHaveTextContent('before the last week');
    await userEvent.click(screen.getByRole('link', { name: /Each team needs a unique id/ }));
    expect(input('team-id-0')).toHaveFocus();
    expect(screen.queryByText('Settings saved')).not.toBeInTheDocument();
  });

  it('refuses weeks that are not whole numbers without sending them', async () => {
    serve({
      settings_get: () => settings(),
      share_settings_get: () => shareSettings(),
      local_model_get: () => ({ name: '', groups: [] }),
      postcode_lookup_status: () => noLookup(),
      about: () => aboutInfo(),
      backup_list: () => backupOverview(),
    });
    render(Settings);
    await loaded();
    await userEvent.clear(input('cycle_weeks'));
    await userEvent.type(input('cycle_weeks'), 'six');
    await userEvent.clear(input('midpoint_week'));
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(requestsFor('settings_update')).toEqual([]);
    expect(input('cycle_weeks-error')).toHaveTextContent(
      'Enter the length of the review cycle as a whole number of weeks',
    );
    expect(input('midpoint_week-error')).toHaveTextContent('Enter the midpoint week as a whole number of weeks');
  });

  it('says so when the settings cannot be loaded', async () => {
    serve({ settings_get: () => fail({ kind: 'storage', message: 'The caseload file could not be read' }) });
    render(Settings);
    expect(await screen.findByText('The caseload file could not be read')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save settings' })).not.toBeInTheDocument();
  });
});

describe('Settings → Shared drive', () => {
  beforeEach(() => {
    router.go({ name: 'settings' });
  });

  async function shareLoaded() {
    await screen.findByRole('button', { name: 'Save shared drive settings' });
  }

  it('shows the stored folder, worker identifier and team, and saves them trimmed', async () => {
    const set = vi.fn((s: ShareSettingsRequest) => ({
      settings: { folder: '/mnt/council-share', ...s },
      warning: null,
    }));
    serve({
      settings_get: () => settings(),
      share_settings_get: () => shareSettings(),
      local_model_get: () => ({ name: '', groups: [] }),
      postcode_lookup_status: () => noLookup(),
      about: () => aboutInfo(),
      backup_list: () => backupOverview(),
      share_settings_set: set,
      outbox_list: () => fail({ kind: 'locked', message: 'x' }),
    });
    render(Settings);
    await shareLoaded();
    expect(input('share_folder')).toHaveValue('/mnt/council-share');
    expect(input('worker_id')).toHaveValue('afsw-07');
    await userEvent.clear(input('worker_id'));
    await userEvent.type(input('worker_id'), ' afsw-09 ');
    await userEvent.click(screen.getByRole('button', { name: 'Save shared drive settings' }));
    expect(requestsFor('share_settings_set')).toEqual([{ worker_id: 'afsw-09', team: 'afsw' }]);
    expect(input('share_folder')).toHaveAttribute('readonly');
    expect(await screen.findByText('Shared drive settings saved')).toBeInTheDocument();
    expect(document.getElementById('share-folder-warning')).toBeNull();
  });

  it('has the backend choose and save the folder, and says so when it cannot be found now', async () => {
    const warning =
      'That folder cannot be found now: S:\\Attendance. Check the path, and that the drive is connected; Caseload will deliver exports when it can reach it';
    let answer: { settings: ReturnType<typeof shareSettings>; warning: string | null } | null = {
      settings: shareSettings({ folder: 'S:\\Attendance' }),
      warning,
    };
    serve({
      settings_get: () => settings(),
      share_settings_get: () => shareSettings({ folder: '' }),
      local_model_get: () => ({ name: '', groups: [] }),
      postcode_lookup_status: () => noLookup(),
      about: () => aboutInfo(),
      backup_list: () => backupOverview(),
      share_folder_choose: () => answer,
      outbox_list: () => fail({ kind: 'locked', message: 'x' }),
    });
    render(Settings);
    await shareLoaded();
    await userEvent.click(screen.getByRole('button', { name: 'Choose folder' }));
    expect(requestsFor('share_folder_choose')).toEqual([null]);
    expect(await screen.findByText('Shared drive settings saved')).toBeInTheDocument();
    expect(input('share-folder-warning')).toHaveTextContent(`Warning ${warning}`);
    expect(input('share_folder')).toHaveValue('S:\\Attendance');
    answer = null;
    await userEvent.click(screen.getByRole('button', { name: 'Choose folder' }));
    expect(input('share_folder')).toHaveValue('S:\\Attendance');
  });

  it('has the backend choose the backup folder, or go back to the default one', async () => {
    let folder = '/media/usb';
    serve({
      settings_get: () => settings(),
      share_settings_get: () => shareSettings(),
      local_model_get: () => ({ name: '', groups: [] }),
      postcode_lookup_status: () => noLookup(),
      about: () => aboutInfo(),
      backup_list: () => backupOverview(),
      backup_folder_choose: () => settings({ backup: { folder, keep: 5, remind_after_days: 7 } }),
    });
    render(Settings);
    await loaded();
    await userEvent.click(screen.getByRole('button', { name: 'Choose backup folder' }));
    expect(input('backup_folder')).toHaveValue('/media/usb');
    folder = '';
    await userEvent.click(screen.getByRole('button', { name: 'Use the default folder' }));
    expect(requestsFor('backup_folder_choose')).toEqual([{}, { use_default: true }]);
    expect(input('backup_folder')).toHaveValue('');
  });

  it('puts the server’s field errors on the folder and worker identifier', async () => {
    serve({
      settings_get: () => settings(),
      share_settings_get: () => shareSettings({ folder: '', worker_id: '' }),
      local_model_get: () => ({ name: '', groups: [] }),
      postcode_lookup_status: () => noLookup(),
      about: () => aboutInfo(),
      backup_list: () => backupOverview(),
      share_settings_set: () =>
        fail({
          kind: 'validation',
          message: 'x',
          fields: [
            { field: 'share_folder', message: 'The shared-drive folder does not exist' },
            { field: 'worker_id', message: 'Enter your worker identifier' },
          ],
        }),
    });
    render(Settings);
    await shareLoaded();
    await userEvent.click(screen.getByRole('button', { name: 'Save shared drive settings' }));
    expect(input('share_folder-error')).toHaveTextContent('The shared-drive folder does not exist');
    expect(input('worker_id-error')).toHaveTextContent('Enter your worker identifier');
    await userEvent.click(screen.getByRole('link', { name: 'Enter your worker identifier' }));
    expect(input('worker_id')).toHaveFocus();
    expect(screen.queryByText('Shared drive settings saved')).not.toBeInTheDocument();
  });
});
