// What each rule of the rules engine is called and why it exists, as the worker reads it beside an
// alert. Titles and explanations are those of `RuleId::title()` and `explanation()` in
// crates/caseload-domain/src/rules.rs, generated with the bindings; the server decides when a
// rule is met, this only names it.
import { RULE_EXPLANATIONS, RULE_TITLES, type Alert, type RuleId } from '../../api';

/** Rules that call for a decision now (severe absence, the penalty threshold, the legal ladder). */
const SERIOUS: Record<RuleId, boolean> = {
  persistent_absence: false,
  severe_absence: true,
  severe_without_plan: true,
  penalty_threshold_met: true,
  illness_notification_due: false,
  part_time_timetable_review: false,
  notice_to_improve_ending: false,
  penalty_notice_limit: true,
  supervision_order_before_prosecution: true,
};

/** Every rule the UI knows, in the engine's order. */
export const RULE_IDS = Object.keys(RULE_TITLES) as RuleId[];

export function ruleTitle(rule: RuleId): string {
  return RULE_TITLES[rule];
}

export function ruleExplanation(rule: RuleId): string {
  return RULE_EXPLANATIONS[rule];
}

/** Rules that call for a decision now (severe absence, the penalty threshold, the legal ladder). */
export function ruleIsSerious(rule: RuleId): boolean {
  return SERIOUS[rule];
}

/** The tag colour of a rule's alert: red when serious, orange otherwise. */
export function ruleTagClass(rule: RuleId): string {
  return ruleIsSerious(rule) ? 'govuk-tag--red' : 'govuk-tag--orange';
}

/**
 * The alerts a row shows as tags beside its PA/SA flags: the persistent and severe absence
 * alerts are those flags already, so they are not repeated.
 */
export function tagAlerts(alerts: Alert[]): Alert[] {
  return alerts.filter((a) => a.rule !== 'persistent_absence' && a.rule !== 'severe_absence');
}
