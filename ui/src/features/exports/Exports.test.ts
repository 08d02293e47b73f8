// "Exports": what the form sends to export_queue / export_save (formats, period, names only with
// who receives them, the lawful basis and the purpose, free text only after its preview), where its errors go, the outbox table (a failed item's reason), "Send now" (sync's
// messages, then a fresh outbox and inbox) and the conflict choices.
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { openSavedFile, revealSavedFile, type InboxView } from '../../api';
import { router } from '../../lib/router.svelte';
import { fail, requestsFor, serve, type Handlers } from '../../test/commands';
import { conflict, inboxView, outboxItem, outboxView, proposal, syncReport } from '../../test/exportFixtures';
import Exports from './Exports.svelte';
import { outbox } from './outbox.svelte';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  call: vi.fn(),
  openSavedFile: vi.fn(),
  revealSavedFile: vi.fn(),
}));

function input(id: string): HTMLElement {
  return document.getElementById(id) as HTMLElement;
}

async function open(handlers: Handlers) {
  serve({ outbox_list: () => outboxView(), inbox_get: () => inboxView(), ...handlers });
  render(Exports);
  await screen.findByRole('heading', { name: 'Inbox from the council' });
}

describe('Exports: the form', () => {
  beforeEach(() => {
    outbox.view = null;
    router.go({ name: 'exports' });
  });

  it('queues the kind and formats chosen, with CSV ticked by default and no period when blank', async () => {
    await open({ export_queue: () => outboxItem() });
    expect(input('formats-csv')).toBeChecked();
    await userEvent.click(screen.getByLabelText('Case funnel by phase'));
    await userEvent.click(screen.getByLabelText('PDF'));
    await userEvent.click(screen.getByRole('button', { name: 'Queue for the shared drive' }));
    expect(requestsFor('export_queue')).toEqual([{ kind: 'funnel', formats: ['csv', 'pdf'] }]);
    expect(await screen.findByText('Case funnel by phase is in the outbox')).toBeInTheDocument();
    expect(requestsFor('outbox_list').length).toBeGreaterThanOrEqual(2);
  });

  it('offers names only for pupil-level kinds, and sends the reason only while the box is ticked', async () => {
    await open({ export_queue: () => outboxItem({ kind: 'closures', kind_label: 'Case closures' }) });
    await userEvent.click(screen.getByLabelText('Case funnel by phase'));
    expect(screen.queryByLabelText(/Include pupils’ names/)).not.toBeInTheDocument();
    expect(screen.getByText(/carries no names, dates of birth or addresses/)).toBeInTheDocument();

    await userEvent.click(screen.getByLabelText('Case closures'));
    await userEvent.click(screen.getByLabelText(/Include pupils’ names/));
    await userEvent.type(screen.getByLabelText('Who receives it?'), 'Legal officer, council legal services');
    await userEvent.click(screen.getByLabelText(/Education Act 1996 s.437 and s.444/));
    await userEvent.type(screen.getByLabelText('What do they need the names for?'), 'The prosecution file');
    await userEvent.click(screen.getByRole('button', { name: 'Queue for the shared drive' }));

    await userEvent.click(screen.getByLabelText(/Include pupils’ names/));
    expect(screen.queryByLabelText('Who receives it?')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Queue for the shared drive' }));

    expect(requestsFor('export_queue')).toEqual([
      {
        kind: 'closures',
        formats: ['csv'],
        identifiable: {
          recipient: 'Legal officer, council legal services',
          lawful_basis: 'legal_proceedings',
          purpose: 'The prosecution file',
        },
      },
      { kind: 'closures', formats: ['csv'] },
    ]);
  });

  it('sends free text only after a preview, with the token of the text shown', async () => {
    await open({
      export_queue: () => outboxItem(),
      export_preview: () => ({
        token: 'tok-1',
        rows: [{ column: 'Closure note', text: 'Moved, tel [phone removed]', scrubbed: true }],
      }),
    });
    await userEvent.click(screen.getByLabelText('TSM action log'));
    await userEvent.click(screen.getByLabelText('Include free text'));
    await userEvent.click(screen.getByRole('button', { name: 'Queue for the shared drive' }));
    expect(requestsFor('export_queue')).toEqual([]);
    expect(input('free_text-error')).toHaveTextContent('Preview the free text before exporting it');

    await userEvent.click(screen.getByRole('button', { name: 'Preview the free text' }));
    expect(input('free-text-preview')).toHaveTextContent('Moved, tel [phone removed]');
    expect(input('free_text-error')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Queue for the shared drive' }));
    expect(requestsFor('export_preview')).toEqual([{ kind: 'tsm-actions', formats: ['csv'], free_text: true }]);
    expect(requestsFor('export_queue')).toEqual([
      { kind: 'tsm-actions', formats: ['csv'], free_text: true, preview_token: 'tok-1' },
    ]);
  });

  it('sends the period typed and shows the server’s errors on the fields they belong to', async () => {
    await open({
      export_queue: () =>
        fail({
          kind: 'validation',
          message: 'x',
          fields: [
            { field: 'formats', message: 'Choose at least one format' },
            { field: 'to', message: 'The period must end on or after its start' },
            { field: 'worker_id', message: 'Set your worker identifier in Settings → Shared drive before exporting' },
          ],
        }),
    });
    await userEvent.click(screen.getByLabelText('Case funnel by phase'));
    await userEvent.click(screen.getByLabelText('CSV'));
    for (const [id, value] of Object.entries({
      'from-day': '1',
      'from-month': '9',
      'from-year': '2026',
      'to-day': '5',
      'to-month': '3',
      'to-year': '2026',
    })) {
      await userEvent.type(input(id), value);
    }
    await userEvent.click(screen.getByRole('button', { name: 'Queue for the shared drive' }));
    expect(requestsFor('export_queue')).toEqual([
      { kind: 'funnel', formats: [], from: '2026-09-01', to: '2026-03-05' },
    ]);
    expect(input('formats-error')).toHaveTextContent('Choose at least one format');
    expect(input('to-error')).toHaveTextContent('The period must end on or after its start');
    const summary = screen.getByRole('alert');
    expect(summary).toHaveTextContent('Set your worker identifier in Settings → Shared drive before exporting');
    await userEvent.click(within(summary).getByRole('link', { name: 'Choose at least one format' }));
    expect(input('formats-csv')).toHaveFocus();
  });

  it('saves a copy with export_save, naming no folder (the backend asks), and lists the files written', async () => {
    await open({
      export_save: () => ({
        export_id: 'exp-2',
        files: [{ path: '/media/usb/funnel.csv', bytes: 120, token: 'tok-5' }],
      }),
    });
    await userEvent.click(screen.getByLabelText('Case funnel by phase'));
    await userEvent.click(screen.getByRole('button', { name: 'Save a copy' }));
    expect(requestsFor('export_save')).toEqual([{ export: { kind: 'funnel', formats: ['csv'] } }]);
    expect(requestsFor('export_queue')).toEqual([]);
    expect(input('export-saved-files')).toHaveTextContent('/media/usb/funnel.csv');
    await userEvent.click(screen.getByRole('button', { name: 'Open /media/usb/funnel.csv' }));
    await userEvent.click(screen.getByRole('button', { name: 'Show in folder (/media/usb/funnel.csv)' }));
    expect(openSavedFile).toHaveBeenCalledWith('tok-5');
    expect(revealSavedFile).toHaveBeenCalledWith('tok-5');
  });

  it('saves no copy and says nothing when the folder chooser is cancelled', async () => {
    await open({ export_save: () => null });
    await userEvent.click(screen.getByLabelText('Case funnel by phase'));
    await userEvent.click(screen.getByRole('button', { name: 'Save a copy' }));
    expect(requestsFor('export_save')).toHaveLength(1);
    expect(document.getElementById('export-saved')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('Exports: the outbox and inbox', () => {
  beforeEach(() => {
    outbox.view = null;
    router.go({ name: 'exports' });
  });

  it('shows each item’s status as a tag, a failed item’s reason and next try, and where a delivered one went', async () => {
    await open({
      outbox_list: () =>
        outboxView([
          outboxItem({
            export_id: 'exp-3',
            status: 'failed',
            attempts: 2,
            failure_reason: 'The shared drive could not be reached',
            next_attempt_at: '2026-11-20T10:05:00Z',
          }),
          outboxItem({
            export_id: 'exp-2',
            status: 'delivered',
            attempts: 1,
            delivered_at: '2026-11-19T09:00:00Z',
            delivered_folder: 'caseload/deliveries/afsw-07/2026-11-19_funnel_exp-2',
          }),
          outboxItem({ export_id: 'exp-1' }),
        ]),
    });
    const table = await screen.findByRole('table', { name: /Exports in the outbox/ });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('Failed');
    expect(rows[0]).toHaveTextContent('The shared drive could not be reached');
    expect(rows[0]).toHaveTextContent('Next try 20 November 2026, 10:05am');
    expect(within(rows[0]!).getByText('Failed')).toHaveClass('govuk-tag--red');
    expect(within(rows[1]!).getByText('Delivered')).toHaveClass('govuk-tag--green');
    expect(rows[1]).toHaveTextContent('caseload/deliveries/afsw-07/2026-11-19_funnel_exp-2');
    expect(within(rows[2]!).getByText('Queued')).toHaveClass('govuk-tag--blue');
    expect(rows[2]).toHaveTextContent('1 September 2026 to 20 November 2026');
  });

  it('says when no shared drive is set, with a link to Settings', async () => {
    await open({ outbox_list: () => outboxView([outboxItem()], { share_folder: '' }) });
    const link = await screen.findByRole('link', { name: 'Set the shared drive in Settings' });
    await userEvent.click(link);
    expect(router.route.name).toBe('settings');
  });

  it('sends now (every undelivered export), shows the report’s messages and fetches the outbox and inbox again', async () => {
    let delivered = false;
    await open({
      outbox_list: () => outboxView([outboxItem({ status: delivered ? 'delivered' : 'queued' })]),
      sync: () => {
        delivered = true;
        return syncReport({ messages: ['Delivered Case funnel by phase', 'Took in allocations.csv: 1 case added'] });
      },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Send now' }));
    expect(requestsFor('sync')).toEqual([{ due_only: false }]);
    expect(await screen.findByText('Took in allocations.csv: 1 case added')).toBeInTheDocument();
    expect(screen.getByText(/Exports delivered: 1\. Not delivered: 0\./)).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByRole('table', { name: /Exports in the outbox/ })).toHaveTextContent('Delivered'),
    );
    expect(requestsFor('inbox_get')).toHaveLength(2);
  });

  it('shows the reason when there is nowhere to send to', async () => {
    await open({
      sync: () =>
        fail({
          kind: 'validation',
          message: 'x',
          fields: [{ field: 'share_folder', message: 'Set the shared-drive folder in Settings first' }],
        }),
    });
    await userEvent.click(screen.getByRole('button', { name: 'Send now' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Set the shared-drive folder in Settings first');
  });

  it('lists inbox files and sends the choice made for each difference', async () => {
    const second = conflict({
      id: 12,
      field: 'year_group',
      field_label: 'Year group',
      worker_value: 'Year 8',
      incoming_value: 'Year 9',
    });
    let remaining = [conflict(), second];
    await open({
      inbox_get: () =>
        inboxView({
          files: [
            {
              file_name: 'allocations-week-47.csv',
              kind: 'allocations',
              seen_at: '2026-11-20T10:00:00Z',
              outcome: 'taken',
              detail: '1 case added, 2 differences to choose',
            },
          ],
          conflicts: [conflict(), second],
        }),
      inbox_conflict_resolve: ({ id }) => {
        remaining = remaining.filter((c) => c.id !== id);
        return inboxView({ conflicts: remaining });
      },
    });
    expect(screen.getByRole('table', { name: /Files from the council/ })).toHaveTextContent('Taken in');
    const conflicts = screen.getByRole('table', { name: 'Differences to choose' });
    expect(within(conflicts).getAllByRole('link', { name: 'Alexandra Testpupil' })[0]).toHaveAttribute(
      'data-case-id',
      'case-1',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Keep mine (School name, Alexandra Testpupil)' }));
    await userEvent.click(screen.getByRole('button', { name: 'Use the council’s (Year group, Alexandra Testpupil)' }));
    expect(requestsFor('inbox_conflict_resolve')).toEqual([
      { id: 11, keep: 'worker' },
      { id: 12, keep: 'incoming' },
    ]);
    expect(screen.getByText(/None\. When the council sends a value/)).toBeInTheDocument();
  });

  it('keeps a difference chosen while the inbox is fetched again, not the older answer that comes after', async () => {
    let asked = 0;
    let answerLater: (view: InboxView) => void = () => {};
    await open({
      inbox_get: () => {
        asked += 1;
        if (asked === 1) return inboxView({ conflicts: [conflict()] });
        return new Promise<InboxView>((resolve) => (answerLater = resolve));
      },
      sync: () => syncReport(),
      inbox_conflict_resolve: () => inboxView({ conflicts: [] }),
    });
    await userEvent.click(screen.getByRole('button', { name: 'Send now' }));
    await waitFor(() => expect(asked).toBe(2));
    await userEvent.click(screen.getByRole('button', { name: 'Keep mine (School name, Alexandra Testpupil)' }));
    expect(await screen.findByText(/None\. When the council sends a value/)).toBeInTheDocument();
    answerLater(inboxView({ conflicts: [conflict()] }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(screen.getByText(/None\. When the council sends a value/)).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'Differences to choose' })).not.toBeInTheDocument();
  });

  it('shows why the inbox could not be fetched until a later fetch of it succeeds', async () => {
    let reachable = false;
    serve({
      outbox_list: () => outboxView(),
      inbox_get: () => (reachable ? inboxView() : fail({ kind: 'storage', message: 'The inbox could not be read' })),
      sync: () => syncReport(),
    });
    render(Exports);
    expect(await screen.findByText('The inbox could not be read')).toBeInTheDocument();
    reachable = true;
    await userEvent.click(screen.getByRole('button', { name: 'Send now' }));
    expect(await screen.findByRole('heading', { name: 'Inbox from the council' })).toBeInTheDocument();
    expect(screen.queryByText('The inbox could not be read')).not.toBeInTheDocument();
  });

  it('opens the pupil’s case from a difference', async () => {
    await open({ inbox_get: () => inboxView({ conflicts: [conflict()] }) });
    await userEvent.click(screen.getByRole('link', { name: 'Alexandra Testpupil' }));
    expect(router.route).toEqual({ name: 'case-view', id: 'case-1' });
  });

  it('lists what allocation files propose, grouped by file, and accepts or refuses each', async () => {
    const update = proposal({
      id: 22,
      kind: 'update',
      file_name: 'allocations-week-4.csv',
      pupil_name: 'Alexandra Testpupil',
      case_id: 'case-1',
      changes: [{ field: 'school_name', field_label: 'School name', from: 'Oak Academy', to: 'Oak Academy Trust' }],
    });
    let open_ = [proposal(), update];
    await open({
      inbox_get: () => inboxView({ proposals: open_ }),
      inbox_proposal_accept: ({ id }) => {
        open_ = open_.filter((p) => p.id !== id);
        return inboxView({ proposals: open_ });
      },
      inbox_proposal_refuse: ({ id }) => {
        open_ = open_.filter((p) => p.id !== id);
        return inboxView({ proposals: open_ });
      },
    });
    const week3 = screen.getByRole('table', { name: 'From allocations-week-3.csv' });
    expect(week3).toHaveTextContent('New case');
    expect(week3).toHaveTextContent('School name: Synthetic Primary');
    const week4 = screen.getByRole('table', { name: 'From allocations-week-4.csv' });
    expect(week4).toHaveTextContent('School name: Oak Academy → Oak Academy Trust');
    await userEvent.click(screen.getByRole('button', { name: 'Accept (New case, Fixturepupil Gamma)' }));
    await userEvent.click(screen.getByRole('button', { name: 'Refuse (Changed details, Alexandra Testpupil)' }));
    expect(requestsFor('inbox_proposal_accept')).toEqual([{ id: 21 }]);
    expect(requestsFor('inbox_proposal_refuse')).toEqual([{ id: 22 }]);
    expect(screen.getByText(/None\. When the council allocates a pupil/)).toBeInTheDocument();
  });
});
