// The outbox's counts for the status line in the header and the Exports screen: the last
// `outbox_list` answer, re-fetched (never edited here) every 30 seconds and after each export or
// send. The database stays the single source of truth; this only remembers what it last said.
import { call, type OutboxView, type SyncReport } from '../../api';

class Outbox {
  view = $state<OutboxView | null>(null);
  /** True while a `sync` started here is running, so the timer and "Send now" never overlap. */
  syncing = $state(false);

  /** Fetches the outbox again; on failure keeps what it had (the status line just stays). */
  async refresh(): Promise<OutboxView | null> {
    try {
      this.view = await call('outbox_list', null);
    } catch {
      // A locked caseload or a passing storage error: the next refresh will tell.
    }
    return this.view;
  }

  /** The status line's words, e.g. "Outbox: 2 queued · 1 failed"; null before the first fetch. */
  get summary(): string | null {
    return outboxSummary(this.view);
  }

  /** True when something is waiting and a shared drive is set, so a quiet sync has work to do. */
  get hasWork(): boolean {
    const view = this.view;
    return !!view && view.share_folder.trim() !== '' && view.queued + view.failed > 0;
  }

  /**
   * Delivers every undelivered export now ("Send now"); throws the command's error. The outbox is
   * re-fetched however it ends.
   */
  async sendNow(): Promise<SyncReport> {
    this.syncing = true;
    try {
      return await call('sync', { due_only: false });
    } finally {
      this.syncing = false;
      await this.refresh();
    }
  }

  /**
   * The background delivery: only exports whose retry time has come, only when there is work and
   * a shared drive. Errors are not shown here; they reach the worker as the items' failure reasons.
   */
  async syncDue(): Promise<void> {
    await this.refresh();
    if (!this.hasWork || this.syncing) return;
    this.syncing = true;
    try {
      await call('sync', { due_only: true });
    } catch {
      // Shown through the outbox's failure reasons, not as an interruption.
    } finally {
      this.syncing = false;
      await this.refresh();
    }
  }
}

export function outboxSummary(view: OutboxView | null): string | null {
  if (!view) return null;
  const parts: string[] = [];
  if (view.queued > 0) parts.push(`${view.queued} queued`);
  if (view.failed > 0) parts.push(`${view.failed} failed`);
  if (parts.length > 0) return `Outbox: ${parts.join(' · ')}`;
  return view.delivered > 0 ? 'Outbox: all delivered' : 'Outbox: empty';
}

export const outbox = new Outbox();

/** How often the status line is refreshed, and how often due exports are sent quietly. */
export const REFRESH_MS = 30_000;
export const SYNC_MS = 60_000;
