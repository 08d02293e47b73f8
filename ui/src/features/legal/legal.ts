// How the legal ladder reads on screen: step names, a step's details as summary rows, amounts.
// Pure display; the server owns every rule (order, limits, amounts, improvement periods). The
// names are the domain's, generated with the bindings.
import {
  ESO_STAGE_LABELS,
  LEGAL_STEP_LABELS,
  PROSECUTION_SECTION_LABELS,
  type EsoStage,
  type LegalStepKind,
  type LegalStepView,
  type PenaltyAssessment,
  type ProsecutionSection,
} from '../../api';
import { longDate } from '../../lib/format';
import { labelOptions } from '../../lib/labels';

/** The rungs in ladder order (the value is what the server expects). */
export const LEGAL_STEPS: { value: LegalStepKind; label: string }[] = labelOptions(LEGAL_STEP_LABELS);

export function legalStepLabel(kind: LegalStepKind): string {
  return LEGAL_STEP_LABELS[kind];
}

export const ESO_STAGES: { value: EsoStage; label: string }[] = labelOptions(ESO_STAGE_LABELS);

export const SECTIONS: { value: ProsecutionSection; label: string }[] = labelOptions(PROSECUTION_SECTION_LABELS);

const DATE_LEGENDS: Record<LegalStepKind, string> = {
  attendance_contract: 'Date agreed',
  notice_to_improve: 'Date issued',
  penalty_notice: 'Date issued',
  supervision_order: 'Date decided',
  prosecution: 'Date decided',
};

/** What the step's date means for its kind. */
export function dateLegend(kind: LegalStepKind): string {
  return DATE_LEGENDS[kind];
}

/** 16000 → "£160", 8050 → "£80.50". */
export function pounds(pence: number): string {
  const whole = Math.floor(pence / 100);
  const rest = pence % 100;
  return rest === 0 ? `£${whole}` : `£${whole}.${String(rest).padStart(2, '0')}`;
}

function penaltyRows(p: PenaltyAssessment): [string, string][] {
  const place =
    p.number !== null && p.window_from
      ? `${p.number === 1 ? 'First' : 'Second'} in the 3-year window from ${longDate(p.window_from)}`
      : 'Issued before 19 August 2024: does not count towards the limit';
  const amount =
    p.paid_on === null && p.reduced_by
      ? `${pounds(p.amount_pence)} (${pounds(p.amount_pence / 2)} if paid by ${longDate(p.reduced_by)})`
      : pounds(p.amount_pence);
  return [
    ['Notice', place],
    ['Amount', amount],
    ['Due by', longDate(p.due_by)],
  ];
}

/** The step's own details as summary-list rows. */
export function detailRows(step: LegalStepView): [string, string][] {
  const d = step.details;
  switch (d.kind) {
    case 'attendance_contract':
      return [
        ['Parents present', d.parents_present ? 'Yes' : 'No'],
        ['Terms', d.terms],
        ['Compliance', d.compliance ?? 'Not recorded'],
      ];
    case 'notice_to_improve':
      return [
        ['Improvement period ends', longDate(d.improvement_ends_on)],
        ['Sufficient improvement means', d.sufficient_improvement],
        ['Outcome', d.outcome ?? 'Not yet recorded'],
      ];
    case 'penalty_notice':
      return [
        ['Issued to', d.parent_name],
        ...(step.penalty ? penaltyRows(step.penalty) : []),
        ['Paid', d.paid_on ? longDate(d.paid_on) : 'Not paid'],
      ];
    case 'supervision_order':
      return [
        ['Stage', ESO_STAGE_LABELS[d.stage]],
        ['Outcome', d.outcome],
      ];
    case 'prosecution':
      return [
        ['Offence', PROSECUTION_SECTION_LABELS[d.section]],
        ['Outcome', d.outcome ?? 'Not yet recorded'],
      ];
  }
}
