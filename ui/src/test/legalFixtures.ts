// Legal-ladder fixtures for the UI tests: steps of each kind, alerts and the ladder view.
import type { LegalAlertView, LegalStepView, LegalView, NextLegalStepView } from '../api';

export function legalStep(overrides: Partial<LegalStepView> = {}): LegalStepView {
  return {
    id: 'step-1',
    step: 'attendance_contract',
    on_date: '2025-01-06',
    decided_by: 'Ms Testmanager',
    notes: null,
    reason: null,
    reason_label: null,
    threshold: null,
    corrects: null,
    corrected_by: [],
    current: true,
    details: {
      kind: 'attendance_contract',
      parents_present: true,
      terms: 'In school by 8:45 every day',
      compliance: null,
    },
    penalty: null,
    recorded_at: '2025-01-06T10:00:00Z',
    ...overrides,
  };
}

export function noticeStep(overrides: Partial<LegalStepView> = {}): LegalStepView {
  return legalStep({
    id: 'step-2',
    step: 'notice_to_improve',
    on_date: '2025-02-03',
    details: {
      kind: 'notice_to_improve',
      improvement_ends_on: '2025-03-03',
      sufficient_improvement: 'No unauthorised absence in the period',
      outcome: null,
    },
    ...overrides,
  });
}

export function penaltyStep(overrides: Partial<LegalStepView> = {}): LegalStepView {
  return legalStep({
    id: 'step-3',
    step: 'penalty_notice',
    on_date: '2025-03-10',
    details: { kind: 'penalty_notice', parent_name: 'Mr Testparent', paid_on: null },
    threshold: 'Threshold met on 20 February 2025',
    penalty: {
      number: 1,
      window_from: '2025-03-10',
      window_to: '2028-03-09',
      amount_pence: 16000,
      reduced_by: '2025-03-31',
      due_by: '2025-04-07',
      paid_on: null,
    },
    ...overrides,
  });
}

export function legalAlert(overrides: Partial<LegalAlertView> = {}): LegalAlertView {
  return {
    rule: 'notice_to_improve_ending',
    title: 'Notice to improve: improvement period ending',
    explanation: 'A notice to improve gives parents an improvement period of 3 to 6 weeks before a penalty notice.',
    on: '2025-03-03',
    message:
      'The improvement period of the notice to improve issued on 3 February 2025 ends on 3 March 2025 (in 2 days): decide the outcome',
    ...overrides,
  };
}

/** The ladder as of a date with the given steps: the rung after the highest needs no reason. */
export function legalView(overrides: Partial<LegalView> = {}): LegalView {
  const next = (needs: boolean[]): NextLegalStepView[] =>
    (['attendance_contract', 'notice_to_improve', 'penalty_notice', 'supervision_order', 'prosecution'] as const).map(
      (step, i) => ({
        step,
        needs_reason: needs[i] ?? false,
        why: needs[i] ? `A step out of order (${step}): give the reason for taking this step now` : null,
      }),
    );
  return {
    case_id: 'case-1',
    steps: [legalStep(), noticeStep()],
    alerts: [],
    next: next([false, false, false, true, true]),
    suggested: 'penalty_notice',
    looked_after: false,
    threshold: 'Threshold met on 20 February 2025',
    threshold_met_on: '2025-02-20',
    ...overrides,
  };
}
