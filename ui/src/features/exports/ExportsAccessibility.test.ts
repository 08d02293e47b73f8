// An accessibility scan (axe-core, zero violations; contrast is left to the end-to-end scan) of the
// whole app on "Exports", reached from the navigation, with outbox items, inbox files, a difference
// and form errors showing; and of Settings with the shared-drive section's errors. Ids are unique.
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import App from '../../App.svelte';
import { axeViolations } from '../../test/axe';
import { fail, serve } from '../../test/commands';
import {
  conflict,
  inboxView,
  outboxItem,
  outboxView,
  proposal,
  shareSettings,
  syncReport,
} from '../../test/exportFixtures';
import { dashboard, settings, status } from '../../test/fixtures';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  call: vi.fn(),
}));

function duplicateIds(): string[] {
  const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
  return ids.filter((id, i) => ids.indexOf(id) !== i);
}

describe('Exports and Settings → Shared drive accessibility', () => {
  it('finds no axe violations on Exports with items, differences, a sync report and errors showing', async () => {
    serve({
      app_status: () => status(),
      dashboard: () => dashboard([]),
      outbox_list: () =>
        outboxView([
          outboxItem({
            status: 'failed',
            attempts: 3,
            failure_reason: 'The shared drive could not be reached',
            next_attempt_at: '2026-11-20T10:05:00Z',
          }),
          outboxItem({
            export_id: 'exp-2',
            status: 'delivered',
            attempts: 1,
            delivered_folder: 'caseload/deliveries/afsw-07/x',
            identifiable_reason: 'Panel',
          }),
        ]),
      inbox_get: () =>
        inboxView({
          files: [
            {
              file_name: 'a.csv',
              kind: 'allocations',
              seen_at: '2026-11-20T10:00:00Z',
              outcome: 'refused',
              detail: 'row 2: UPN is not valid',
            },
          ],
          conflicts: [conflict()],
          proposals: [proposal(), proposal({ id: 22, kind: 'update', case_id: 'case-1', file_name: 'b.csv' })],
        }),
      sync: () => syncReport({ proposals_open: 2 }),
      export_queue: () =>
        fail({ kind: 'validation', message: 'x', fields: [{ field: 'kind', message: 'Choose what to export' }] }),
    });
    render(App);
    await waitFor(() => expect(screen.queryByText('Opening Caseload')).not.toBeInTheDocument());
    const nav = screen.getByRole('link', { name: 'Exports' });
    expect(nav).toHaveAttribute('id', 'nav-exports');
    await userEvent.click(nav);
    expect(await screen.findByRole('heading', { level: 1, name: 'Exports' })).toBeInTheDocument();
    expect(nav).toHaveAttribute('aria-current', 'page');
    await screen.findByRole('heading', { name: 'Inbox from the council' });
    expect(await axeViolations()).toEqual([]);

    await userEvent.click(screen.getByLabelText('Case closures'));
    await userEvent.click(screen.getByLabelText(/Include pupils’ names/));
    await userEvent.type(screen.getByLabelText('Who receives it?'), 'The closure panel');
    await userEvent.click(screen.getByLabelText(/public task/));
    expect(await axeViolations()).toEqual([]);
    await userEvent.click(screen.getByLabelText(/Include pupils’ names/));
    await userEvent.click(screen.getByLabelText('Include free text'));
    await userEvent.click(screen.getByRole('button', { name: 'Queue for the shared drive' }));
    await screen.findByText(/Preview the free text before exporting it/, { selector: 'a' });
    await userEvent.click(screen.getByRole('button', { name: 'Send now' }));
    await screen.findByText('Delivered Case funnel by phase');
    expect(duplicateIds()).toEqual([]);
    expect(await axeViolations()).toEqual([]);
  });

  it('finds no axe violations on Settings with the shared-drive errors showing', async () => {
    serve({
      app_status: () => status(),
      dashboard: () => dashboard([]),
      outbox_list: () => outboxView([]),
      settings_get: () => settings(),
      share_settings_get: () => shareSettings({ folder: '' }),
      share_settings_set: () =>
        fail({
          kind: 'validation',
          message: 'x',
          fields: [{ field: 'share_folder', message: 'Enter the shared-drive folder' }],
        }),
    });
    render(App);
    await waitFor(() => expect(screen.queryByText('Opening Caseload')).not.toBeInTheDocument());
    await userEvent.click(screen.getByRole('link', { name: 'Settings' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Save shared drive settings' }));
    await screen.findByText('Enter the shared-drive folder', { selector: 'a' });
    expect(duplicateIds()).toEqual([]);
    expect(await axeViolations()).toEqual([]);
  });
});
