-- Schema 9: attendance imports. Each import is recorded (file name, its SHA-256, rows, when),
-- so trends can compare against the previous one. Imported figures live in their own tables
-- and never overwrite what the worker typed (attendance_readings with source 'worker').
CREATE TABLE imports (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('marks', 'summary')),
    file_name    TEXT NOT NULL,      -- the file's name only, never its folder
    sha256       TEXT NOT NULL,
    rows         INTEGER NOT NULL,
    pupils       INTEGER NOT NULL,
    first_date   TEXT,               -- ISO dates the file covers (marks) or its as-at (summary)
    last_date    TEXT,
    imported_at  TEXT NOT NULL
) STRICT;

-- One mark per pupil, date and session; a later import of the same session replaces the
-- earlier import's mark (both are the school's register, the later one corrected).
CREATE TABLE session_marks (
    upn        TEXT NOT NULL,
    date       TEXT NOT NULL,
    session    TEXT NOT NULL CHECK (session IN ('AM', 'PM')),
    code       TEXT NOT NULL,
    import_id  INTEGER NOT NULL REFERENCES imports(id),
    PRIMARY KEY (upn, date, session)
) STRICT, WITHOUT ROWID;

-- Pupil attendance summaries as schools and the DfE data portal export them, kept per import
-- (a whole-authority file is ~52,000 rows) so each import can be compared with the last.
CREATE TABLE attendance_summaries (
    import_id     INTEGER NOT NULL REFERENCES imports(id),
    upn           TEXT NOT NULL,
    as_at         TEXT NOT NULL,
    possible      INTEGER NOT NULL,
    present       INTEGER NOT NULL,
    authorised    INTEGER NOT NULL,
    unauthorised  INTEGER NOT NULL,
    school_urn    TEXT,
    school_phase  TEXT,
    year_group    INTEGER,
    ward          TEXT,
    PRIMARY KEY (import_id, upn)
) STRICT, WITHOUT ROWID;
CREATE INDEX attendance_summaries_upn ON attendance_summaries(upn, import_id);
CREATE INDEX attendance_summaries_school ON attendance_summaries(school_urn, import_id);
