// Synthetic records for UI tests (no real pupils). UPNs are valid examples from domain.md.
import type { AppStatus, CaseDetail, CaseSummary } from '../api';

export function status(overrides: Partial<AppStatus> = {}): AppStatus {
  return {
    data_dir: '/tmp/caseload-test',
    initialised: true,
    unlocked: true,
    app_version: '0.1.0',
    min_passphrase_length: 12,
    ...overrides,
  };
}

export function caseSummary(overrides: Partial<CaseSummary> = {}): CaseSummary {
  return {
    id: 'case-1',
    legal_name: 'Alexandra Testpupil',
    preferred_name: null,
    upn: 'B801200005001',
    school_name: 'Testschool Synthetic Primary',
    school_phase: 'primary',
    year_group: 5,
    status: 'referred',
    updated_at: '2025-07-01T13:30:00Z',
    ...overrides,
  };
}

export function caseDetail(overrides: Partial<CaseDetail> = {}): CaseDetail {
  return {
    id: 'case-1',
    pupil: {
      legal_name: 'Alexandra Testpupil',
      preferred_name: 'Alex',
      date_of_birth: '2015-03-07',
      upn: 'B801200005001',
      school_urn: '123456',
      school_name: 'Testschool Synthetic Primary',
      school_phase: 'primary',
      year_group: 5,
    },
    status: 'referred',
    referral_source: 'School',
    referral_date: '2025-01-10',
    team: null,
    worker: null,
    cycle_start: null,
    midpoint_done_on: null,
    next_due: null,
    closed_on: null,
    closure_reason: null,
    allowed_transitions: ['accept', 'decline', 'family_declined'],
    history: [{ kind: null, on_date: '2025-01-10', to_status: 'referred', team: null, worker: null, note: null }],
    attendance: [],
    created_at: '2025-01-10T09:00:00Z',
    updated_at: '2025-07-01T13:30:00Z',
    ...overrides,
  };
}
