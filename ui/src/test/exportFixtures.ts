// Synthetic shared-drive settings, outbox items, sync reports and inbox views for UI tests (no real
// pupils; names are invented and obviously so).
import type { ConflictView, InboxView, OutboxItem, OutboxView, ProposalView, ShareSettings, SyncReport } from '../api';

export function shareSettings(overrides: Partial<ShareSettings> = {}): ShareSettings {
  return { folder: '/mnt/council-share', worker_id: 'afsw-07', team: 'afsw', ...overrides };
}

export function outboxItem(overrides: Partial<OutboxItem> = {}): OutboxItem {
  return {
    export_id: 'exp-1',
    kind: 'funnel',
    kind_label: 'Case funnel by phase',
    formats: ['csv'],
    from: '2026-09-01',
    to: '2026-11-20',
    identifiable_reason: null,
    created_at: '2026-11-20T09:30:00Z',
    status: 'queued',
    attempts: 0,
    last_attempt_at: null,
    next_attempt_at: null,
    failure_reason: null,
    delivered_at: null,
    delivered_folder: null,
    files: [],
    ...overrides,
  };
}

export function outboxView(items: OutboxItem[] = [], overrides: Partial<OutboxView> = {}): OutboxView {
  const count = (status: OutboxItem['status']) => items.filter((i) => i.status === status).length;
  return {
    share_folder: '/mnt/council-share',
    queued: count('queued'),
    failed: count('failed'),
    delivered: count('delivered'),
    items,
    ...overrides,
  };
}

export function syncReport(overrides: Partial<SyncReport> = {}): SyncReport {
  return {
    share_folder: '/mnt/council-share',
    share_reachable: true,
    delivered: 1,
    failed: 0,
    inbox_taken: 0,
    inbox_refused: 0,
    conflicts_open: 0,
    proposals_open: 0,
    messages: ['Delivered Case funnel by phase'],
    ...overrides,
  };
}

export function conflict(overrides: Partial<ConflictView> = {}): ConflictView {
  return {
    id: 11,
    case_id: 'case-1',
    pupil_name: 'Alexandra Testpupil',
    field: 'school_name',
    field_label: 'School name',
    worker_value: 'Testschool Vale Academy',
    incoming_value: 'Testschool Vale Community Academy',
    file_name: 'allocations-week-47.csv',
    raised_at: '2026-11-20T10:00:00Z',
    ...overrides,
  };
}

export function inboxView(overrides: Partial<InboxView> = {}): InboxView {
  return { files: [], conflicts: [], proposals: [], ...overrides };
}

export function proposal(overrides: Partial<ProposalView> = {}): ProposalView {
  return {
    id: 21,
    kind: 'new_case',
    file_name: 'allocations-week-3.csv',
    pupil_name: 'Fixturepupil Gamma',
    upn: 'B801200005001',
    case_id: null,
    changes: [
      { field: 'legal_name', field_label: 'Legal name', from: '', to: 'Fixturepupil Gamma' },
      { field: 'school_name', field_label: 'School name', from: '', to: 'Synthetic Primary' },
    ],
    raised_at: '2026-03-02T09:00:00Z',
    ...overrides,
  };
}
