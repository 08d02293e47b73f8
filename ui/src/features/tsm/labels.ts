// How Targeting Support Meetings read on screen: owner agencies, review outcomes, barriers and
// terms. Pure display shared by every TSM screen; the server owns every rule (which term a date
// falls in, when an action is overdue). Agency and outcome names are the domain's, generated with
// the bindings; a meeting's status has no Rust wording, so it is named here.
import {
  OWNER_AGENCY_LABELS,
  REVIEW_OUTCOME_LABELS,
  type OwnerAgency,
  type ReviewOutcome,
  type TsmStatus,
} from '../../api';

export { BARRIERS, barrierLabel } from '../plan/plan';

/** Owner agencies in the order a select offers them: [value the server expects, label]. */
export const AGENCIES: [OwnerAgency, string][] = Object.entries(OWNER_AGENCY_LABELS) as [OwnerAgency, string][];

export function agencyLabel(agency: OwnerAgency): string {
  return OWNER_AGENCY_LABELS[agency];
}

/** Review outcomes in the order a form offers them: [value, label]. */
export const OUTCOMES: [ReviewOutcome, string][] = Object.entries(REVIEW_OUTCOME_LABELS) as [ReviewOutcome, string][];

export function outcomeLabel(outcome: ReviewOutcome): string {
  return REVIEW_OUTCOME_LABELS[outcome];
}

const MEETING_STATUS_LABELS: Record<TsmStatus, string> = { planned: 'Planned', finished: 'Held' };
const MEETING_STATUS_TAGS: Record<TsmStatus, string> = { planned: 'govuk-tag--blue', finished: 'govuk-tag--green' };

/** A meeting's status as a worker says it: planned → "Planned", finished → "Held". */
export function meetingStatusLabel(status: TsmStatus): string {
  return MEETING_STATUS_LABELS[status];
}

export function meetingStatusTag(status: TsmStatus): string {
  return MEETING_STATUS_TAGS[status];
}

// Terms: keys look like "2026-autumn"; within a year spring < summer < autumn.
export const SEASONS = ['spring', 'summer', 'autumn'] as const;
export type Season = (typeof SEASONS)[number];

export interface TermKey {
  year: number;
  season: Season;
}

/** "2026-autumn" → { year: 2026, season: 'autumn' }; null for anything else. */
export function parseTerm(key: string): TermKey | null {
  const match = /^(\d{4})-(spring|summer|autumn)$/.exec(key.trim().toLowerCase());
  return match ? { year: Number(match[1]), season: match[2] as Season } : null;
}

export function termKey(term: TermKey): string {
  return `${term.year}-${term.season}`;
}

/** How a worker says a term, as the server does: "2026-autumn" → "Autumn term 2026". */
export function termLabel(key: string): string {
  const term = parseTerm(key);
  if (!term) return key;
  return `${term.season.charAt(0).toUpperCase()}${term.season.slice(1)} term ${term.year}`;
}

/** The term `steps` terms after `key` (negative: before); the key unchanged if it does not parse. */
export function shiftTerm(key: string, steps: number): string {
  const term = parseTerm(key);
  if (!term) return key;
  const index = term.year * 3 + SEASONS.indexOf(term.season) + steps;
  return termKey({ year: Math.floor(index / 3), season: SEASONS[((index % 3) + 3) % 3] });
}

export function previousTerm(key: string): string {
  return shiftTerm(key, -1);
}

export function nextTerm(key: string): string {
  return shiftTerm(key, 1);
}

/** Orders term keys: negative when `a` comes before `b`. */
export function compareTerms(a: string, b: string): number {
  const ta = parseTerm(a);
  const tb = parseTerm(b);
  if (!ta || !tb) return a.localeCompare(b);
  return ta.year * 3 + SEASONS.indexOf(ta.season) - (tb.year * 3 + SEASONS.indexOf(tb.season));
}

/** Meetings latest first: by meeting date, then by term; ties keep the server's order. */
export function latestFirst<T extends { meeting_date: string; term: string }>(meetings: T[]): T[] {
  return meetings
    .map((meeting, index) => ({ meeting, index }))
    .sort(
      (a, b) =>
        b.meeting.meeting_date.localeCompare(a.meeting.meeting_date) ||
        compareTerms(b.meeting.term, a.meeting.term) ||
        a.index - b.index,
    )
    .map(({ meeting }) => meeting);
}
