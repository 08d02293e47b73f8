// What each rule of the rules engine is called and why it exists, as the worker reads it beside an
// alert. The text is copied word for word from crates/caseload-domain/src/rules.rs (`title()` and
// `explanation()`); the server decides when a rule is met, this only names it.
import type { Alert, RuleId } from '../../api';

type Rule = { title: string; explanation: string; serious: boolean };

const RULES: Record<RuleId, Rule> = {
  persistent_absence: {
    title: 'Persistent absence',
    explanation:
      'A pupil is persistently absent when absence (authorised and unauthorised) is 10% or more of possible sessions.',
    serious: false,
  },
  severe_absence: {
    title: 'Severe absence',
    explanation: 'A pupil is severely absent when absence is 50% or more of possible sessions.',
    serious: true,
  },
  severe_without_plan: {
    title: 'Severely absent without a plan',
    explanation:
      'Every severely absent pupil should have a plan (Working together to improve school attendance, 2024): this pupil has none recorded.',
    serious: true,
  },
  penalty_threshold_met: {
    title: 'Penalty notice threshold met',
    explanation:
      'The national threshold for considering a penalty notice: 10 sessions of unauthorised absence (G, N, O, U) within a rolling period of 10 school weeks. School weeks are Monday–Sunday weeks with at least one possible session, so holidays are skipped and the period may span terms and years. The date is the mark at which the count first reaches 10.',
    serious: true,
  },
  illness_notification_due: {
    title: 'Long illness: the local authority must be told',
    explanation:
      'The local authority must know when a pupil misses 15 school days (30 sessions) through illness (code I), consecutive or cumulative, within one academic year (1 September to 31 August). The date is that of the 30th illness mark.',
    serious: false,
  },
  part_time_timetable_review: {
    title: 'Part-time timetable past its review date',
    explanation:
      'A part-time timetable (code C2) must be time-limited and reviewed; this one has passed the review date recorded for it.',
    serious: false,
  },
  notice_to_improve_ending: {
    title: 'Notice to improve: improvement period ending',
    explanation:
      'A notice to improve gives parents an improvement period of 3 to 6 weeks before a penalty notice; this period ends soon or has ended, so the outcome must be decided.',
    serious: false,
  },
  penalty_notice_limit: {
    title: 'Penalty notices: limit within 3 years',
    explanation:
      'A parent can receive at most two penalty notices for the same child within 3 years (counted from the first notice issued on or after 19 August 2024): the first £160 (£80 if paid within 21 days), the second £160. A third is not allowed: another tool must be used.',
    serious: true,
  },
  supervision_order_before_prosecution: {
    title: 'Education supervision order to be considered before prosecution',
    explanation:
      'Before prosecuting (Education Act 1996 s444), the local authority must consider an education supervision order (Children Act 1989 s36). None is recorded as considered for this case.',
    serious: true,
  },
};

/** Every rule the UI knows, in the engine's order. */
export const RULE_IDS = Object.keys(RULES) as RuleId[];

export function ruleTitle(rule: RuleId): string {
  return RULES[rule]?.title ?? rule;
}

export function ruleExplanation(rule: RuleId): string {
  return RULES[rule]?.explanation ?? '';
}

/** Rules that call for a decision now (severe absence, the penalty threshold, the legal ladder). */
export function ruleIsSerious(rule: RuleId): boolean {
  return RULES[rule]?.serious ?? false;
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
