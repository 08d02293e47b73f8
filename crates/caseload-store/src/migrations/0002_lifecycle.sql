-- Schema 2: the case lifecycle (referral, triage, allocation, review cycle, closure) with a
-- dated event for every transition; the school's phase; attendance readings; settings.

ALTER TABLE pupils ADD COLUMN school_phase TEXT;          -- primary | secondary | special | alternative_provision

ALTER TABLE cases ADD COLUMN referral_source TEXT NOT NULL DEFAULT 'not recorded';
ALTER TABLE cases ADD COLUMN referral_date TEXT;           -- ISO date
ALTER TABLE cases ADD COLUMN team TEXT;                    -- a team id from settings
ALTER TABLE cases ADD COLUMN worker TEXT;
ALTER TABLE cases ADD COLUMN cycle_start TEXT;             -- ISO date the current review cycle began
ALTER TABLE cases ADD COLUMN midpoint_done_on TEXT;        -- ISO date of this cycle's midpoint check
ALTER TABLE cases ADD COLUMN closed_on TEXT;
ALTER TABLE cases ADD COLUMN closure_reason TEXT;

-- Schema-1 cases were simply "open": they become referrals dated when they were added.
UPDATE cases SET status = 'referred', referral_date = substr(created_at, 1, 10) WHERE status = 'open';

-- One row per transition, never updated: the case's dated history and the funnel's source.
CREATE TABLE case_events (
    id           INTEGER PRIMARY KEY,
    case_id      TEXT NOT NULL REFERENCES cases(id),
    kind         TEXT NOT NULL,      -- referral | accept | decline | family_declined | allocate | start_cycle | midpoint_check | review | close | reopen
    on_date      TEXT NOT NULL,      -- ISO date the worker gave
    from_status  TEXT,
    to_status    TEXT NOT NULL,
    team         TEXT,
    worker       TEXT,
    note         TEXT,
    recorded_at  TEXT NOT NULL
) STRICT;
CREATE INDEX case_events_case ON case_events(case_id, id);
CREATE INDEX case_events_kind_date ON case_events(kind, on_date);

CREATE TRIGGER case_events_append_only_update BEFORE UPDATE ON case_events
BEGIN SELECT RAISE(ABORT, 'case events are never changed'); END;
CREATE TRIGGER case_events_append_only_delete BEFORE DELETE ON case_events
BEGIN SELECT RAISE(ABORT, 'case events are never deleted'); END;

INSERT INTO case_events (case_id, kind, on_date, from_status, to_status, note, recorded_at)
SELECT id, 'referral', referral_date, NULL, 'referred', 'recorded before referral details were kept', created_at FROM cases;

-- Attendance as the worker records it (later also from imports): counts, as at a date.
CREATE TABLE attendance_readings (
    id            INTEGER PRIMARY KEY,
    pupil_id      TEXT NOT NULL REFERENCES pupils(id),
    as_at         TEXT NOT NULL,
    possible      INTEGER NOT NULL,
    present       INTEGER NOT NULL,
    authorised    INTEGER NOT NULL,
    unauthorised  INTEGER NOT NULL,
    source        TEXT NOT NULL,     -- worker | import
    recorded_at   TEXT NOT NULL
) STRICT;
CREATE INDEX attendance_readings_pupil ON attendance_readings(pupil_id, as_at, id);

CREATE TABLE settings (
    key    TEXT PRIMARY KEY NOT NULL,
    value  TEXT NOT NULL              -- JSON
) STRICT;

CREATE INDEX cases_status ON cases(status);
