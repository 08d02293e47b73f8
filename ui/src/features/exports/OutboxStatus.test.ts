// The outbox's status line in the header: its words for queued/failed/delivered counts, that it
// shows only while unlocked, and that it opens Exports.
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import App from '../../App.svelte';
import { serve } from '../../test/commands';
import { outboxItem, outboxView, inboxView } from '../../test/exportFixtures';
import { dashboard, status } from '../../test/fixtures';
import { outbox, outboxSummary } from './outbox.svelte';

vi.mock('../../api', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../api')>()),
  call: vi.fn(),
}));

describe('outbox status line', () => {
  it('counts queued and failed exports, and says when all are delivered or none exist', () => {
    expect(
      outboxSummary(
        outboxView([outboxItem(), outboxItem({ export_id: 'b' }), outboxItem({ export_id: 'c', status: 'failed' })]),
      ),
    ).toBe('Outbox: 2 queued · 1 failed');
    expect(outboxSummary(outboxView([outboxItem({ status: 'failed' })]))).toBe('Outbox: 1 failed');
    expect(outboxSummary(outboxView([outboxItem({ status: 'delivered' })]))).toBe('Outbox: all delivered');
    expect(outboxSummary(outboxView([]))).toBe('Outbox: empty');
    expect(outboxSummary(null)).toBeNull();
  });

  it('shows in the header while unlocked and opens Exports', async () => {
    outbox.view = null;
    serve({
      app_status: () => status(),
      dashboard: () => dashboard([]),
      outbox_list: () => outboxView([outboxItem(), outboxItem({ export_id: 'b', status: 'failed' })]),
      inbox_get: () => inboxView(),
    });
    render(App);
    const link = await screen.findByRole('link', { name: 'Outbox: 1 queued · 1 failed' });
    await userEvent.click(link);
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Exports'));
  });

  it('is not shown while locked', async () => {
    outbox.view = null;
    serve({ app_status: () => status({ unlocked: false }), outbox_list: () => outboxView([outboxItem()]) });
    render(App);
    await screen.findByRole('heading', { name: 'Unlock Caseload' });
    expect(screen.queryByRole('link', { name: /Outbox/ })).not.toBeInTheDocument();
  });
});
