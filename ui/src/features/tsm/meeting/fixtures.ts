// Synthetic meetings for the live meeting screen's tests (no real pupils or schools).
import type {
  CarriedActionView,
  DiscussionId,
  DiscussionView,
  PrepPupil,
  TsmActionId,
  TsmActionView,
  TsmView,
} from '../../../api';

export const did = (n: number): DiscussionId => n;
export const aid = (n: number): TsmActionId => n;

export const MEETING_ID = 'tsm-1';

export function tsmAction(overrides: Partial<TsmActionView> = {}): TsmActionView {
  return {
    id: aid(11),
    what: 'Weekly check-in with the learning mentor',
    owner_agency: 'school',
    owner_person: 'Mentor Synthetic',
    lead_practitioner: 'Champion Demo',
    due_on: '2026-12-04',
    open: true,
    latest: null,
    reviewed: false,
    ...overrides,
  };
}

export function discussion(overrides: Partial<DiscussionView> = {}): DiscussionView {
  return {
    id: did(1),
    upn: 'B801200005001',
    name: 'Pupil Synthetic-One',
    year_group: 5,
    case_id: 'case-1',
    case_status: 'active',
    attendance_pct: 48.5,
    band: '41-50',
    persistent_absence: true,
    severe_absence: true,
    barriers: ['semh_ebsa'],
    has_plan: true,
    notes: 'Finds mornings hard.',
    in_chronology: false,
    actions: [tsmAction()],
    ...overrides,
  };
}

export function prepPupil(overrides: Partial<PrepPupil> = {}): PrepPupil {
  return {
    case_id: 'case-1',
    case_status: 'active',
    name: 'Pupil Synthetic-One',
    upn: 'B801200005001',
    year_group: 5,
    as_at: '2026-11-20',
    last_year_pct: null,
    model_groups: [],
    attendance_pct: 48.5,
    band: '41-50',
    trend: 'down',
    persistent_absence: true,
    severe_absence: true,
    has_plan: true,
    needs_plan: false,
    discussed: true,
    alerts: [],
    ...overrides,
  };
}

/** A pupil at the school known only from imported attendance data: no case, no name. */
export function importedPrepPupil(overrides: Partial<PrepPupil> = {}): PrepPupil {
  return prepPupil({
    case_id: null,
    case_status: null,
    name: '',
    upn: 'Q801200005002',
    year_group: null,
    as_at: '2026-11-13',
    attendance_pct: 62.5,
    band: '61-70',
    trend: null,
    persistent_absence: true,
    severe_absence: false,
    has_plan: false,
    needs_plan: false,
    discussed: false,
    ...overrides,
  });
}

export function carriedAction(overrides: Partial<CarriedActionView> = {}): CarriedActionView {
  return {
    action: tsmAction({
      id: aid(5),
      what: 'Send the part-time timetable to the family',
      owner_agency: 'local_authority',
      owner_person: 'Officer Demo',
      due_on: '2026-10-01',
    }),
    from_meeting: 'tsm-0',
    from_meeting_date: '2026-07-08',
    pupil: 'Pupil Synthetic-Three',
    review_here: null,
    ...overrides,
  };
}

/** A planned meeting with two pupils discussed (one not on the caseload), actions and a carried action. */
export function tsmView(overrides: Partial<TsmView> = {}): TsmView {
  return {
    id: MEETING_ID,
    school_urn: '100001',
    school_name: 'Demo Brook Primary',
    school_phase: 'primary',
    term: '2026-autumn',
    term_label: 'Autumn term 2026',
    meeting_date: '2026-11-23',
    status: 'planned',
    attendees: [
      { name: 'Champion Demo', role: 'Attendance champion', organisation: 'Demo Brook Primary' },
      { name: 'Officer Demo', role: 'Attendance officer', organisation: 'Local authority' },
    ],
    discussions: [
      discussion(),
      discussion({
        id: did(2),
        upn: null,
        name: 'Pupil Synthetic-Two',
        year_group: 3,
        case_id: null,
        case_status: null,
        attendance_pct: null,
        band: null,
        persistent_absence: false,
        severe_absence: false,
        barriers: [],
        has_plan: null,
        notes: '',
        actions: [tsmAction({ id: aid(12), what: '', owner_person: '', lead_practitioner: '', due_on: '' })],
      }),
    ],
    general_actions: [
      tsmAction({
        id: aid(13),
        what: 'Share the whole-school attendance letter',
        owner_person: 'Head Demo',
        lead_practitioner: '',
      }),
    ],
    carried: [carriedAction()],
    prep: {
      academic_year: '2026/27',
      previous_academic_year: '2025/26',
      local_model: { name: '', groups: [] },
      model_counts: [],
      pupils: [
        prepPupil(),
        prepPupil({
          case_id: 'case-4',
          name: 'Pupil Synthetic-Four',
          upn: 'P207000016049',
          year_group: 6,
          attendance_pct: 45,
          band: '41-50',
          trend: 'up',
          has_plan: false,
          needs_plan: true,
          discussed: false,
        }),
      ],
      persistent_absence: 2,
      severe_absence: 2,
      severe_without_plan: 1,
    },
    problems: [],
    previous_meeting: null,
    ...overrides,
  };
}
