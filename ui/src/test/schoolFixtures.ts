// Synthetic link schools and school meetings (TSMs) for UI tests: no real schools or people.
import type { CoverageRow, LinkSchoolView, TsmCoverage, TsmDueAction, TsmSummary, TsmView } from '../api';

export function linkSchool(overrides: Partial<LinkSchoolView> = {}): LinkSchoolView {
  return {
    urn: '100001',
    name: 'Demo Brook Primary',
    phase: 'primary',
    attendance_champion: { name: 'Champion Demo', phone: '01632 960001', email: 'champion@brook.example' },
    dsl: { name: 'Safeguarding Demo', phone: null, email: 'dsl@brook.example' },
    ...overrides,
  };
}

export function tsmSummary(overrides: Partial<TsmSummary> = {}): TsmSummary {
  return {
    id: 'tsm-1',
    school_urn: '100001',
    school_name: 'Demo Brook Primary',
    term: '2026-autumn',
    term_label: 'Autumn term 2026',
    meeting_date: '2026-11-23',
    status: 'planned',
    pupils: 0,
    actions: 0,
    open_actions: 0,
    ...overrides,
  };
}

export function coverageRow(overrides: Partial<CoverageRow> = {}): CoverageRow {
  return {
    school_urn: '100001',
    school_name: 'Demo Brook Primary',
    school_phase: 'primary',
    meeting: null,
    ...overrides,
  };
}

/** Coverage for a term, with the counts worked out from the rows as the server does. */
export function tsmCoverage(rows: CoverageRow[], overrides: Partial<TsmCoverage> = {}): TsmCoverage {
  return {
    term: '2026-autumn',
    term_label: 'Autumn term 2026',
    rows,
    held: rows.filter((r) => r.meeting?.status === 'finished').length,
    planned: rows.filter((r) => r.meeting?.status === 'planned').length,
    not_planned: rows.filter((r) => r.meeting === null).length,
    ...overrides,
  };
}

/** A freshly planned meeting: nobody there yet, nothing discussed. */
export function plannedTsm(overrides: Partial<TsmView> = {}): TsmView {
  return {
    id: 'tsm-1',
    school_urn: '100001',
    school_name: 'Demo Brook Primary',
    school_phase: 'primary',
    term: '2026-autumn',
    term_label: 'Autumn term 2026',
    meeting_date: '2026-11-23',
    status: 'planned',
    attendees: [],
    discussions: [],
    general_actions: [],
    carried: [],
    prep: {
      academic_year: '2026/27',
      previous_academic_year: '2025/26',
      local_model: { name: '', groups: [] },
      model_counts: [],
      pupils: [],
      persistent_absence: 0,
      severe_absence: 0,
      severe_without_plan: 0,
    },
    problems: [],
    previous_meeting: null,
    ...overrides,
  };
}

export function tsmDueAction(overrides: Partial<TsmDueAction> = {}): TsmDueAction {
  return {
    action_id: 1,
    tsm_id: 'tsm-1',
    school_name: 'Demo Brook Primary',
    pupil: 'Pupil Demo',
    what: 'Phone home about the morning routine',
    owner_agency: 'school',
    owner_person: 'Champion Demo',
    due_on: '2025-03-06',
    overdue: false,
    ...overrides,
  };
}
