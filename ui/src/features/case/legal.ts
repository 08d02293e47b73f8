// How the legal ladder reads on screen: step names, a step's details as summary rows, amounts.
// Pure display; the server owns every rule (order, limits, amounts, improvement periods).
import type { EsoStage, LegalStepKind, LegalStepView, PenaltyAssessment, ProsecutionSection } from '../../api';
import { longDate } from '../../lib/format';

const STEP_LABELS: Record<LegalStepKind, string> = {
  attendance_contract: 'Attendance contract',
  notice_to_improve: 'Notice to improve',
  penalty_notice: 'Penalty notice',
  supervision_order: 'Education supervision order',
  prosecution: 'Prosecution',
};

/** The rungs in ladder order (the value is what the server expects). */
export const LEGAL_STEPS: { value: LegalStepKind; label: string }[] = (Object.keys(STEP_LABELS) as LegalStepKind[]).map(
  (value) => ({ value, label: STEP_LABELS[value] }),
);

export function legalStepLabel(kind: string): string {
  return STEP_LABELS[kind as LegalStepKind] ?? kind;
}

const STAGE_LABELS: Record<EsoStage, string> = { considered: 'Considered', applied: 'Applied for', made: 'Made' };
export const ESO_STAGES = (Object.keys(STAGE_LABELS) as EsoStage[]).map((value) => ({
  value,
  label: STAGE_LABELS[value],
}));

const SECTION_LABELS: Record<ProsecutionSection, string> = {
  s444_1: 'Section 444(1): failure to secure regular attendance',
  s444_1a: 'Section 444(1A): knowing failure',
};
export const SECTIONS = (Object.keys(SECTION_LABELS) as ProsecutionSection[]).map((value) => ({
  value,
  label: SECTION_LABELS[value],
}));

/** What the step's date means for its kind. */
export function dateLegend(kind: LegalStepKind): string {
  if (kind === 'attendance_contract') return 'Date agreed';
  if (kind === 'notice_to_improve' || kind === 'penalty_notice') return 'Date issued';
  return 'Date decided';
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
        ['Stage', STAGE_LABELS[d.stage]],
        ['Outcome', d.outcome],
      ];
    case 'prosecution':
      return [
        ['Offence', `Education Act 1996 ${d.section === 's444_1' ? 's444(1)' : 's444(1A)'}`],
        ['Outcome', d.outcome ?? 'Not yet recorded'],
      ];
  }
}
