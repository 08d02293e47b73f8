// How stored values read on screen: names, dates of birth, instants in Europe/London, year groups.
// Pure display; no validation (the server owns every rule). Label maps are typed by the
// generated enum types, so a new variant fails the TypeScript build until it has a label; the
// words that Rust already writes come generated with the bindings.
import {
  CASE_STATUS_LABELS,
  CONTACT_KIND_LABELS,
  type CaseStatus,
  type ContactKind,
  type DueKind,
  type SchoolPhase,
  type TransitionKind,
  type Trend,
} from '../api';
import { labelOptions } from './labels';

// Explicit 'en-GB' and London: the parts never depend on the computer's own locale or zone.
const LONDON_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The name a worker uses day to day: the preferred name when there is one. */
export function displayName(pupil: { legal_name: string; preferred_name: string | null }): string {
  const preferred = pupil.preferred_name?.trim();
  return preferred ? preferred : pupil.legal_name;
}

/** An instant (RFC 3339, UTC) as London wall-clock time, e.g. "3 November 2025, 2:05pm". */
export function londonDateTime(instant: string): string {
  // Instants are stored in UTC; a timestamp without a zone ("2025-07-01 13:30:00") is UTC too.
  // Fractions beyond milliseconds are cut: not every engine parses nanoseconds.
  const iso = instant
    .trim()
    .replace(' ', 'T')
    .replace(/(\.\d{3})\d+/, '$1');
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(iso);
  const date = new Date(hasZone || !iso.includes('T') ? iso : `${iso}Z`);
  if (Number.isNaN(date.getTime())) return instant;
  const p = Object.fromEntries(LONDON_PARTS.formatToParts(date).map((part) => [part.type, part.value]));
  return localDateTime(`${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`);
}

/**
 * A calendar date "YYYY-MM-DD" as "27 March 2012": the one way a date reads on screen, in UK order
 * with the month in words whatever the computer's locale (no time zone involved).
 */
export function longDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const month = MONTHS[Number(match[2]) - 1];
  return month ? `${Number(match[3])} ${month} ${match[1]}` : isoDate;
}

export function yearGroupLabel(yearGroup: number): string {
  return yearGroup === 0 ? 'Reception' : `Year ${yearGroup}`;
}

/** Text with its first letter in capitals: a label that opens a line or a tag. */
function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A case's status as a tag or a table shows it: "Family declined support". */
export function caseStatusLabel(status: CaseStatus): string {
  return capitalised(CASE_STATUS_LABELS[status]);
}

/** Day, month and year fields as the "YYYY-MM-DD" the server expects; "" when all are blank. */
export function composeDate(day: string, month: string, year: string): string {
  const d = day.trim();
  const m = month.trim();
  const y = year.trim();
  if (!d && !m && !y) return '';
  const pad = (part: string) => (/^\d$/.test(part) ? `0${part}` : part);
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** The reverse of `composeDate`, for prefilling a form; unpadded like a person would type it. */
export function splitDate(isoDate: string): { day: string; month: string; year: string } {
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(isoDate);
  if (!match) return { day: '', month: '', year: '' };
  return { day: String(Number(match[3])), month: String(Number(match[2])), year: match[1] };
}

const PHASE_LABELS: Record<SchoolPhase, string> = {
  primary: 'Primary',
  secondary: 'Secondary',
  special: 'Special',
  alternative_provision: 'Alternative provision',
};

/** School phases in the order a select offers them (the value is what the server expects). */
export const SCHOOL_PHASES: { value: SchoolPhase; label: string }[] = labelOptions(PHASE_LABELS);

export function phaseLabel(phase: SchoolPhase | null): string {
  return phase ? PHASE_LABELS[phase] : 'Not recorded';
}

const STEP_LABELS: Record<TransitionKind, string> = {
  accept: 'Accept',
  decline: 'Decline',
  family_declined: 'Family declined support',
  allocate: 'Allocate',
  start_cycle: 'Start review cycle',
  midpoint_check: 'Record midpoint check',
  review: 'Record review',
  close: 'Close case',
  reopen: 'Reopen',
};

/** The button label of a lifecycle step, e.g. "Start review cycle". */
export function stepLabel(kind: TransitionKind): string {
  return STEP_LABELS[kind];
}

const EVENT_LABELS: Record<TransitionKind, string> = {
  accept: 'Accepted',
  decline: 'Declined',
  family_declined: 'Family declined support',
  allocate: 'Allocated',
  start_cycle: 'Review cycle started',
  midpoint_check: 'Midpoint check done',
  review: 'Review done',
  close: 'Closed',
  reopen: 'Reopened',
};

/** What a history entry records; `null` is the referral itself. */
export function eventLabel(kind: TransitionKind | null): string {
  return kind === null ? 'Referred' : EVENT_LABELS[kind];
}

/** What is due next: "Midpoint check", "Review", "Plan review" or "Action: what is to be done". */
export function dueLabel(kind: DueKind, what?: string | null): string {
  switch (kind) {
    case 'midpoint_check':
      return 'Midpoint check';
    case 'review':
      return 'Review';
    case 'plan_review':
      return 'Plan review';
    case 'action':
      return what ? `Action: ${what}` : 'Action';
  }
}

const STATUS_TAG_CLASSES: Record<CaseStatus, string> = {
  referred: 'govuk-tag--light-blue',
  accepted: 'govuk-tag--turquoise',
  declined: 'govuk-tag--orange',
  family_declined: 'govuk-tag--orange',
  allocated: 'govuk-tag--purple',
  active: 'govuk-tag--green',
  closed: 'govuk-tag--grey',
};

/** The GOV.UK tag colour for a case status. */
export function statusTagClass(status: CaseStatus): string {
  return STATUS_TAG_CLASSES[status];
}

/** Attendance as "85.0%" (one decimal, as computed by the server); "No reading" when unknown. */
export function percent(value: number | null): string {
  return value === null ? 'No reading' : `${value.toFixed(1)}%`;
}

export const TREND_ARROWS: Record<Trend, string> = { up: '↑', down: '↓', level: '→' };

/** What a trend arrow says to a screen reader. */
export const TREND_WORDS: Record<Trend, string> = { up: 'going up', down: 'going down', level: 'level' };

const LONDON_ISO_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in London as "YYYY-MM-DD" (the server's idea of today for dated steps). */
export function todayInLondon(now: Date = new Date()): string {
  const parts = Object.fromEntries(LONDON_ISO_DATE.formatToParts(now).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** 1 September of the school year a date falls in (school years run September to August). */
export function schoolYearStart(isoDate: string): string {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  return `${month >= 9 ? year : year - 1}-09-01`;
}

/** Chronology entry kinds in the order a select offers them (the value is what the server expects). */
export const CONTACT_KINDS: { value: ContactKind; label: string }[] = labelOptions(CONTACT_KIND_LABELS);

export function contactKindLabel(kind: ContactKind): string {
  return CONTACT_KIND_LABELS[kind];
}

/** A clock time "14:30" as GOV.UK writes it: "2:30pm", "9am", "midday", "midnight". */
export function clockTime(hhmm: string): string {
  const match = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!match) return hhmm;
  const hour = Number(match[1]);
  const minutes = match[2];
  if (minutes === '00' && hour === 12) return 'midday';
  if (minutes === '00' && hour === 0) return 'midnight';
  const suffix = hour < 12 ? 'am' : 'pm';
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  return minutes === '00' ? `${h12}${suffix}` : `${h12}:${minutes}${suffix}`;
}

/** A local date and time "2026-11-20T14:30" in words: "20 November 2026, 2:30pm". */
export function localDateTime(value: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(value);
  return match ? `${longDate(match[1])}, ${clockTime(match[2])}` : value;
}

/** The reverse of `localDateTime`'s input, for prefilling a form: date parts and "HH:MM". */
export function splitDateTime(value: string): { day: string; month: string; year: string; time: string } {
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(value);
  return match ? { ...splitDate(match[1]), time: match[2] } : { day: '', month: '', year: '', time: '' };
}

/**
 * Date parts and a typed time as the "YYYY-MM-DDTHH:MM" the server expects ("" when all are blank).
 * "9:05" and "9.05" become "09:05"; anything else passes through for the server to judge.
 */
export function composeDateTime(day: string, month: string, year: string, time: string): string {
  const date = composeDate(day, month, year);
  const typed = time.trim();
  if (!date && !typed) return '';
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(typed);
  const hhmm = match ? `${match[1].padStart(2, '0')}:${match[2]}` : typed;
  return `${date}T${hhmm}`;
}

const LONDON_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The time in London now as "HH:MM", rounded down to five minutes (never in the future). */
export function nowInLondonTime(now: Date = new Date()): string {
  const parts = Object.fromEntries(LONDON_TIME.formatToParts(now).map((p) => [p.type, p.value]));
  const minutes = Math.floor(Number(parts.minute) / 5) * 5;
  return `${parts.hour}:${String(minutes).padStart(2, '0')}`;
}

/** A pupil's local-model groups in few characters: "Wave 2, 3" for "Wave 2" and "Wave 3" (a first
 *  word the names share is written once); otherwise the names joined. */
export function groupsLabel(names: string[]): string {
  if (names.length < 2) return names.join('');
  const first = names[0]!.split(' ')[0]!;
  const shared = names.every((n) => n.startsWith(`${first} `));
  return shared ? `${first} ${names.map((n) => n.slice(first.length + 1)).join(', ')}` : names.join(', ');
}
