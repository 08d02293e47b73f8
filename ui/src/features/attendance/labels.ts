// How attendance imports read on screen: the fields a file's columns are matched to, the two
// kinds of file, progress, and what an import brought in. Pure display: the server reads and
// checks the file. Field labels are those of `ImportField::label()` in
// crates/caseload-exchange/src/import/columns.rs, keyed by `canonical_header()` and generated
// with the bindings.
import { IMPORT_FIELD_LABELS, type ImportKindView, type ImportProgress, type ImportView } from '../../api';
import { longDate } from '../../lib/format';

/** A field as a sentence names it ("attendance code"); an unknown field as the server sent it. */
export function fieldLabel(field: string): string {
  // The server names fields as text (a saved mapping may name one this build no longer reads).
  const labels: Partial<Record<string, string>> = IMPORT_FIELD_LABELS;
  return labels[field] ?? field.replaceAll('_', ' ');
}

const KIND_LABELS: Record<ImportKindView, string> = {
  marks: 'Session marks',
  summary: 'Pupil attendance summaries',
};

export function kindLabel(kind: ImportKindView): string {
  return KIND_LABELS[kind];
}

/** The choice of what to import, with what each kind of file holds. */
export const KIND_OPTIONS: { value: ImportKindView; label: string }[] = [
  { value: 'marks', label: 'Session marks: one row per pupil, date and session (UPN, date, session, code)' },
  {
    value: 'summary',
    label:
      'Pupil attendance summaries: one row per pupil (UPN, possible, present, authorised and unauthorised sessions, as-at date)',
  },
];

/** A count as written in English: 120000 → "120,000". */
export function count(n: number): string {
  return n.toLocaleString('en-GB');
}

function plural(n: number, one: string, many: string): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** What the running import is doing, in words. */
export function progressText(progress: ImportProgress | null): string {
  if (!progress) return 'Starting the import…';
  if (progress.cancel_requested) return 'Cancelling the import…';
  if (progress.phase === 'reading') return `Reading the file… ${plural(progress.rows, 'row', 'rows')}`;
  return `Saving ${count(progress.rows)} of ${plural(progress.total_rows, 'row', 'rows')}`;
}

/** How far through its current phase the import is, 0–100; null while that cannot be known. */
export function progressPercent(progress: ImportProgress | null): number | null {
  if (!progress) return null;
  const [done, total] =
    progress.phase === 'reading' ? [progress.bytes_read, progress.total_bytes] : [progress.rows, progress.total_rows];
  if (total <= 0) return null;
  return Math.min(100, Math.floor((100 * done) / total));
}

/** The dates an import covers: "1 September 2025 to 4 March 2026", or one date. */
export function datesLabel(first: string | null, last: string | null): string {
  if (!first || !last) return 'None';
  return first === last ? longDate(first) : `${longDate(first)} to ${longDate(last)}`;
}

/** What dates an import's rows carry: "marks from 1 September 2025 to 4 March 2026". */
function coveredText(view: ImportView): string {
  const { first_date: first, last_date: last } = view;
  if (!first || !last) return '';
  const one = first === last;
  if (view.kind === 'marks') return one ? `marks on ${longDate(first)}` : `marks from ${datesLabel(first, last)}`;
  return one ? `figures as at ${longDate(first)}` : `figures as at dates from ${datesLabel(first, last)}`;
}

/** The line that says what an import brought in. */
export function importedText(view: ImportView): string {
  const onCaseload = view.on_caseload === null ? '' : ` (${count(view.on_caseload)} on your caseload)`;
  const covered = coveredText(view);
  return (
    `Imported ${view.file_name}: ${plural(view.rows, 'row', 'rows')}, ` +
    `${plural(view.pupils, 'pupil', 'pupils')}${onCaseload}${covered ? `, ${covered}` : ''}.`
  );
}

const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A calendar date "YYYY-MM-DD" as "4 Mar 2026", for tags where space is short. */
export function shortDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const month = match ? SHORT_MONTHS[Number(match[2]) - 1] : undefined;
  return match && month ? `${Number(match[3])} ${month} ${match[1]}` : isoDate;
}
