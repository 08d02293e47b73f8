// How a plan reads on screen: barrier names, the SMART target and an action's status. Pure display;
// the server owns every rule (what a valid target is, when an action is overdue). The words are
// the domain's, generated with the bindings.
import { ACTION_STATUS_LABELS, BARRIER_LABELS, type ActionStatus, type Barrier } from '../../api';
import { labelOptions } from '../../lib/labels';

/** Barriers in the order the form offers them (the value is what the server expects). */
export const BARRIERS: { value: Barrier; label: string }[] = labelOptions(BARRIER_LABELS);

export function barrierLabel(barrier: Barrier): string {
  return BARRIER_LABELS[barrier];
}

/** An attendance target as typed back: 95 → "95", 92.5 → "92.5". */
export function targetNumber(pct: number): string {
  return String(Math.round(pct * 10) / 10);
}

const STATUS_TAGS: Record<ActionStatus, string> = {
  open: 'govuk-tag--blue',
  done: 'govuk-tag--green',
  not_done: 'govuk-tag--grey',
};

export function actionStatusLabel(status: ActionStatus): string {
  return ACTION_STATUS_LABELS[status];
}

export function actionStatusTag(status: ActionStatus): string {
  return STATUS_TAGS[status];
}
