// Synthetic attendance imports, progress, refused files, alerts and marks for UI tests (no real
// pupils or schools; UPNs are valid examples from docs/domain.md).
import type { Alert, AppError, ImportProblem, ImportProgress, ImportView, MarksView } from '../api';

/** The name of a chosen marks file, as the backend's chooser answers it (never a path). */
export const MARKS_NAME = 'Demo Brook marks autumn.csv';

export function importView(overrides: Partial<ImportView> = {}): ImportView {
  return {
    id: 7,
    kind: 'marks',
    file_name: 'Demo Brook marks autumn.csv',
    rows: 600000,
    pupils: 1500,
    on_caseload: 12,
    first_date: '2025-09-03',
    last_date: '2026-03-04',
    imported_at: '2026-03-05T10:15:00Z',
    sha256: '0'.repeat(64),
    ...overrides,
  };
}

export function importProgress(overrides: Partial<ImportProgress> = {}): ImportProgress {
  return {
    file_name: 'Demo Brook marks autumn.csv',
    phase: 'reading',
    rows: 120000,
    total_rows: 0,
    bytes_read: 2000000,
    total_bytes: 10000000,
    cancel_requested: false,
    ...overrides,
  };
}

export function importProblem(overrides: Partial<ImportProblem> = {}): ImportProblem {
  return {
    row: 14,
    column: 'code',
    problem: 'unknown attendance code "H"',
    fix: 'use a code in force from 19 August 2024 (H was retired)',
    ...overrides,
  };
}

/** The error a refused file comes back with. */
export function importError(overrides: Partial<Extract<AppError, { kind: 'import' }>> = {}): AppError {
  return {
    kind: 'import',
    message: 'Demo Brook marks autumn.csv was not imported: 2 rows have problems. Nothing was saved',
    file_name: 'Demo Brook marks autumn.csv',
    problems: [
      importProblem(),
      importProblem({
        row: 230,
        column: 'date',
        problem: 'date "31/02/2026" is not a real date',
        fix: 'write the date as 2026-02-28 or 28/02/2026',
      }),
    ],
    missing_columns: [],
    found_headers: [],
    ...overrides,
  };
}

/** A file whose header row has no columns for the UPN and the code. */
export function missingColumnsError(): AppError {
  return importError({
    message: 'Demo Brook marks autumn.csv was not imported: no column for UPN, attendance code',
    problems: [
      importProblem({
        row: 1,
        column: null,
        problem: 'no column for UPN, attendance code (headers found: "Pupil ref", "Date", "Session", "Mark")',
        fix: 'rename the headers (for example "upn", "code") or save a column mapping that says which column holds each field, then import the file again',
      }),
    ],
    missing_columns: ['upn', 'code'],
    found_headers: ['Pupil ref', 'Date', 'Session', 'Mark'],
  });
}

export function alert(overrides: Partial<Alert> = {}): Alert {
  return {
    rule: 'penalty_threshold_met',
    on: '2026-03-04',
    message: '10 unauthorised sessions within 10 school weeks, reached on 4 March 2026',
    ...overrides,
  };
}

export function marksView(overrides: Partial<MarksView> = {}): MarksView {
  return {
    academic_year: '2025/26',
    previous_year: null,
    first_date: '2025-09-03',
    last_date: '2026-03-04',
    possible: 240,
    present: 180,
    authorised: 36,
    unauthorised: 24,
    attendance_pct: 75,
    band: '71-80',
    persistent_absence: true,
    severe_absence: false,
    fpn_threshold_met_on: '2026-03-04',
    illness_15_days_on: null,
    weeks: [],
    ...overrides,
  };
}
