// How a plan reads on screen: barrier names, the SMART target and an action's status. Pure display;
// the server owns every rule (what a valid target is, when an action is overdue).
import type { ActionStatus, Barrier } from '../../api';

const BARRIER_LABELS: Record<Barrier, string> = {
  health: 'Health',
  semh_ebsa: 'SEMH or EBSA',
  send: 'SEND',
  bullying: 'Bullying',
  caring_responsibilities: 'Caring responsibilities',
  housing: 'Housing',
  transport: 'Transport',
  family_circumstances: 'Family circumstances',
  school_factors: 'School factors',
};

/** Barriers in the order the form offers them (the value is what the server expects). */
export const BARRIERS: { value: Barrier; label: string }[] = (Object.keys(BARRIER_LABELS) as Barrier[]).map(
  (value) => ({ value, label: BARRIER_LABELS[value] }),
);

export function barrierLabel(barrier: string): string {
  return BARRIER_LABELS[barrier as Barrier] ?? barrier;
}

/** An attendance target as typed back: 95 → "95", 92.5 → "92.5". */
export function targetNumber(pct: number): string {
  return String(Math.round(pct * 10) / 10);
}

const STATUS_LABELS: Record<ActionStatus, string> = { open: 'Open', done: 'Done', not_done: 'Not done' };
const STATUS_TAGS: Record<ActionStatus, string> = {
  open: 'govuk-tag--blue',
  done: 'govuk-tag--green',
  not_done: 'govuk-tag--grey',
};

export function actionStatusLabel(status: ActionStatus): string {
  return STATUS_LABELS[status] ?? status;
}

export function actionStatusTag(status: ActionStatus): string {
  return STATUS_TAGS[status] ?? 'govuk-tag--grey';
}
