// Words for the Exports screen: the kinds of export with a line each, the formats, and the GOV.UK
// tag each outbox status and inbox outcome shows as. The server owns every rule. Kind names are
// `SummaryKind::title()`, generated with the bindings; the hints, formats and tags are the UI's.
import { EXPORT_KIND_LABELS, type OutboxStatus } from '../../api';

/** What a worker can export (the team report is the CLI's), with what each one holds. */
const EXPORT_HINTS = {
  funnel: 'How many cases reached each stage of the funnel in the period, by school phase (counts only).',
  'tsm-actions': 'The actions agreed at targeting support meetings in the period (one row per pupil).',
  'ward-bands': 'Pupils in each attendance band by ward, this year against last year (counts only; no period).',
  closures: 'The cases closed in the period, with why each closed (as a category) and its outcome (one row per pupil).',
} satisfies Partial<Record<keyof typeof EXPORT_KIND_LABELS, string>>;

type ExportKind = keyof typeof EXPORT_HINTS;

export const EXPORT_KINDS: { value: ExportKind; label: string; hint: string }[] = (
  Object.keys(EXPORT_HINTS) as ExportKind[]
).map((value) => ({ value, label: EXPORT_KIND_LABELS[value], hint: EXPORT_HINTS[value] }));

/** Kinds with one row per pupil: the only ones that may carry names, and only with a reason. */
export const PUPIL_LEVEL_KINDS: readonly string[] = ['tsm-actions', 'closures'];

export const EXPORT_FORMATS = [
  { value: 'csv', label: 'CSV' },
  { value: 'xlsx', label: 'Excel (XLSX)' },
  { value: 'pdf', label: 'PDF' },
  { value: 'json', label: 'JSON' },
];

export function formatLabel(format: string): string {
  return EXPORT_FORMATS.find((f) => f.value === format)?.label ?? format.toUpperCase();
}

export const STATUS_TAGS: Record<OutboxStatus, { label: string; className: string }> = {
  queued: { label: 'Queued', className: 'govuk-tag--blue' },
  failed: { label: 'Failed', className: 'govuk-tag--red' },
  delivered: { label: 'Delivered', className: 'govuk-tag--green' },
};

export function inboxKindLabel(kind: string): string {
  if (kind === 'allocations') return 'Allocations';
  if (kind === 'attendance') return 'Attendance';
  return kind;
}

export function outcomeTag(outcome: string): { label: string; className: string } {
  if (outcome === 'taken') return { label: 'Taken in', className: 'govuk-tag--green' };
  if (outcome === 'refused') return { label: 'Refused', className: 'govuk-tag--red' };
  return { label: outcome, className: 'govuk-tag--grey' };
}
