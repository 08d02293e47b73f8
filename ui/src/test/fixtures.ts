// Synthetic records for UI tests (no real pupils). UPNs are valid examples from docs/domain.md.
import type {
  About,
  AppStatus,
  CaseDetail,
  CaseloadBandsReport,
  CaseSummary,
  ChronologyEntryView,
  Dashboard,
  DashboardRow,
  FunnelReport,
  MarksWeekView,
  SearchHit,
  Settings,
} from '../api';

export function status(overrides: Partial<AppStatus> = {}): AppStatus {
  return {
    data_dir: '/tmp/caseload-test',
    initialised: true,
    unlocked: true,
    app_version: '0.1.0',
    min_passphrase_length: 12,
    lock_notice: null,
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
    closure_category: null,
    closure_category_label: null,
    allowed_transitions: ['accept', 'decline', 'family_declined'],
    history: [{ kind: null, on_date: '2025-01-10', to_status: 'referred', team: null, worker: null, note: null }],
    attendance: [],
    marks: null,
    alerts: [],
    created_at: '2025-01-10T09:00:00Z',
    updated_at: '2025-07-01T13:30:00Z',
    ...overrides,
  };
}

export function dashboardRow(overrides: Partial<DashboardRow> = {}): DashboardRow {
  return {
    id: 'case-1',
    legal_name: 'Alexandra Testpupil',
    preferred_name: null,
    upn: 'B801200005001',
    school_name: 'Testschool Synthetic Primary',
    school_phase: 'primary',
    year_group: 5,
    status: 'active',
    team: 'afsw',
    worker: 'A. Testworker',
    attendance_pct: 85,
    last_year_pct: null,
    model_groups: [],
    trend: 'up',
    persistent_absence: true,
    severe_absence: false,
    next_due: { kind: 'midpoint_check', due_on: '2025-03-03', overdue: true },
    alerts: [],
    ...overrides,
  };
}

export function dashboard(rows: DashboardRow[] = [dashboardRow()], overrides: Partial<Dashboard> = {}): Dashboard {
  return {
    today: '2025-03-05',
    academic_year: '2024/25',
    previous_academic_year: '2023/24',
    local_model: { name: '', groups: [] },
    rows,
    due_this_week: rows.filter((r) => r.next_due).map((r) => r.id),
    tsm_actions_due: [],
    ...overrides,
  };
}

export function settings(overrides: Partial<Settings> = {}): Settings {
  return {
    teams: [
      { id: 'afsw', name: 'Attendance and family support workers' },
      { id: 'taskforce', name: 'Attendance taskforce' },
    ],
    cycle: { cycle_weeks: 6, midpoint_week: 3 },
    lock_after_minutes: 5,
    backup: { folder: '', keep: 5, remind_after_days: 7 },
    retention: { age_years: 25, years_after_closure: 6, outbox_purge_days: 30 },
    ...overrides,
  };
}

export function funnelReport(overrides: Partial<FunnelReport> = {}): FunnelReport {
  const row = (key: string, label: string, primary: number, secondary: number, total: number) => ({
    key,
    label,
    primary,
    secondary,
    total,
  });
  return {
    from: '2024-09-01',
    to: '2025-03-05',
    rows: [
      row('cases_triaged', 'Cases triaged', 3, 2, 6),
      row('cases_accepted', 'Cases accepted', 2, 1, 4),
      row('assigned_afsw', 'Assigned to attendance and family support workers', 1, 1, 2),
      row('assigned_taskforce', 'Assigned to the attendance taskforce', 1, 0, 1),
      row('closed_after_cycle', 'Closed after the 6-week cycle', 2, 0, 2),
      row('closed_improved', 'Closed with attendance improved', 1, 0, 1),
      row('families_declined', 'Families declining support', 0, 1, 1),
    ],
    improved_pct: [50, null, 50],
    improved_pct_label: 'Closed with attendance improved, % of those closed after the 6-week cycle',
    cycle_weeks: 6,
    ...overrides,
  };
}

export function caseloadBands(overrides: Partial<CaseloadBandsReport> = {}): CaseloadBandsReport {
  const counts = [0, 0, 0, 1, 0, 2, 0, 3, 4, 5];
  return {
    bands: counts.map((cases, i) => ({ band: i === 0 ? '0-10' : `${i * 10 + 1}-${i * 10 + 10}`, cases })),
    no_figure: 2,
    open_cases: 17,
    ...overrides,
  };
}

export function chronologyEntry(overrides: Partial<ChronologyEntryView> = {}): ChronologyEntryView {
  return {
    id: 'entry-1',
    kind: 'home_visit',
    occurred_at: '2025-02-20T14:30',
    who: 'Mum (Ms Testparent), A. Testworker',
    what: 'Visited at home; Alex was in bed and said school is too loud.',
    outcome: 'Mum agreed to a meeting with the school.',
    next_step: 'Book a meeting with the SENCo',
    corrects: null,
    corrected_by: [],
    recorded_at: '2025-02-20T15:02:11Z',
    ...overrides,
  };
}

export function searchHit(overrides: Partial<SearchHit> = {}): SearchHit {
  return {
    case_id: 'case-1',
    legal_name: 'Alexandra Testpupil',
    preferred_name: 'Alex',
    upn: 'B801200005001',
    school_name: 'Testschool Synthetic Primary',
    status: 'active',
    ...overrides,
  };
}

// Plan and family fixtures (types imported here so the block above stays as it is).
import type { CarerView, PlanActionView, PlanView, PupilFamilyView } from '../api';

export function planAction(overrides: Partial<PlanActionView> = {}): PlanActionView {
  return {
    id: 'action-1',
    what: 'Meet the SENCo about a quiet space at lunch',
    owner: 'School: Ms Testsenco',
    due_on: '2025-03-12',
    status: 'open',
    status_on: null,
    overdue: false,
    ...overrides,
  };
}

export function planView(overrides: Partial<PlanView> = {}): PlanView {
  return {
    case_id: 'case-1',
    barriers: ['semh_ebsa', 'school_factors'],
    other_barriers: 'Finds the lunch hall too loud',
    target_pct: 92.5,
    target_by: '2027-02-12',
    interventions: 'Weekly check-in with the learning mentor',
    review_dates: ['2025-04-01', '2025-05-13'],
    actions: [planAction()],
    ...overrides,
  };
}

export function carer(overrides: Partial<CarerView> = {}): CarerView {
  return {
    id: 'carer-1',
    name: 'Ms Testparent',
    relationship: 'Mum',
    phone: '07700 900123',
    email: 'testparent@example.com',
    parental_responsibility: true,
    ...overrides,
  };
}

export function familyView(overrides: Partial<PupilFamilyView> = {}): PupilFamilyView {
  return {
    case_id: 'case-1',
    address: '1 Synthetic Street\nTesttown',
    postcode: 'ZZ99 1ZZ',
    ward: 'Testward',
    flags: ['fsm', 'ebsa'],
    key_professionals: [
      { role: 'School nurse', name: 'Mr Testnurse', organisation: 'Testshire NHS', contact: '0117 496 0000' },
    ],
    part_time_review_on: null,
    family: {
      id: 'family-1',
      name: 'Testpupil family',
      carers: [carer()],
      siblings: [
        {
          case_id: 'case-2',
          legal_name: 'Samira Testpupil',
          preferred_name: 'Sam',
          school_name: 'Testschool Synthetic Academy',
          year_group: 9,
        },
      ],
      other_children: [{ id: 'child-1', name: 'Baby Testpupil', date_of_birth: '2023-06-01', school_name: null }],
    },
    ...overrides,
  };
}

/** Two attendance readings a month apart, 70% then 85%: the case-view tests' history. */
export const twoReadings: CaseDetail['attendance'] = [
  {
    as_at: '2025-01-31',
    possible: 100,
    present: 70,
    authorised: 10,
    unauthorised: 20,
    attendance_pct: 70,
    persistent_absence: true,
    severe_absence: false,
    band: '61-70',
  },
  {
    as_at: '2025-02-28',
    possible: 120,
    present: 102,
    authorised: 8,
    unauthorised: 10,
    attendance_pct: 85,
    persistent_absence: true,
    severe_absence: false,
    band: '81-90',
  },
];

/** Imported marks over four school weeks across two terms (the server's weekly figures): two
 *  weeks of autumn 2025, the Christmas holiday left out, two weeks of spring 2026. */
export const fourWeeks: MarksWeekView[] = [
  {
    week_start: '2025-12-08',
    term: '2025-autumn',
    term_label: 'Autumn term 2025',
    academic_year: '2025/26',
    possible: 10,
    present: 10,
    attendance_pct: 100,
    cumulative_pct: 100,
  },
  {
    week_start: '2025-12-15',
    term: '2025-autumn',
    term_label: 'Autumn term 2025',
    academic_year: '2025/26',
    possible: 10,
    present: 7,
    attendance_pct: 70,
    cumulative_pct: 85,
  },
  {
    week_start: '2026-01-05',
    term: '2026-spring',
    term_label: 'Spring term 2026',
    academic_year: '2025/26',
    possible: 10,
    present: 5,
    attendance_pct: 50,
    cumulative_pct: 73.3,
  },
  {
    week_start: '2026-01-12',
    term: '2026-spring',
    term_label: 'Spring term 2026',
    academic_year: '2025/26',
    possible: 8,
    present: 6,
    attendance_pct: 75,
    cumulative_pct: 73.7,
  },
];

/** What the `about` command answers: a few components of each kind, as gen-licences writes them. */
export function aboutInfo(overrides: Partial<About> = {}): About {
  return {
    name: 'Caseload',
    version: '0.1.0',
    licence: 'MIT',
    components: [
      {
        kind: 'crate',
        name: 'rusqlite',
        version: '0.41.0',
        licence: 'MIT',
        repository: 'https://github.com/rusqlite/rusqlite',
      },
      {
        kind: 'crate',
        name: 'serde',
        version: '1.0.228',
        licence: 'MIT OR Apache-2.0',
        repository: 'https://github.com/serde-rs/serde',
      },
      {
        kind: 'crate',
        name: 'tauri',
        version: '2.12.5',
        licence: 'Apache-2.0 OR MIT',
        repository: 'https://github.com/tauri-apps/tauri',
      },
      {
        kind: 'crate',
        name: 'zeroize',
        version: '1.8.2',
        licence: 'Apache-2.0 OR MIT',
        repository: 'https://github.com/RustCrypto/utils',
      },
      {
        kind: 'npm',
        name: 'd3-array',
        version: '3.2.5',
        licence: 'ISC',
        repository: 'https://www.npmjs.com/package/d3-array',
      },
      {
        kind: 'npm',
        name: 'svelte',
        version: '5.57.3',
        licence: 'MIT',
        repository: 'https://www.npmjs.com/package/svelte',
      },
      {
        kind: 'font',
        name: 'Noto Sans',
        version: '',
        licence: 'OFL-1.1',
        repository: 'https://github.com/notofonts/latin-greek-cyrillic',
      },
    ],
    ...overrides,
  };
}
