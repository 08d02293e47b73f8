-- Schema 8: Targeting Support Meetings. One meeting per link school per term; what is typed
-- during the meeting is stored as typed (saved on every change), so text columns default to
-- empty rather than being refused. Reviews of actions are append-only: an action's status is
-- its latest review, and the history of reviews is what the next meeting's record shows.
CREATE TABLE tsms (
    id                  TEXT PRIMARY KEY NOT NULL,
    school_urn          TEXT NOT NULL REFERENCES link_schools(urn),
    term                TEXT NOT NULL,               -- e.g. 2026-autumn
    meeting_date        TEXT NOT NULL,               -- ISO date
    status              TEXT NOT NULL CHECK (status IN ('planned', 'finished')),
    snapshot_pupils     INTEGER,                     -- the school's data at finish:
    snapshot_pa         INTEGER,                     --   pupils, persistent and severe absence,
    snapshot_sa         INTEGER,                     --   severely absent without a plan
    snapshot_sa_no_plan INTEGER,
    finished_at         TEXT,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    UNIQUE (school_urn, term)
) STRICT;

CREATE TABLE tsm_attendees (
    id            INTEGER PRIMARY KEY,
    tsm_id        TEXT NOT NULL REFERENCES tsms(id),
    position      INTEGER NOT NULL,
    name          TEXT NOT NULL DEFAULT '',
    role          TEXT NOT NULL DEFAULT '',
    organisation  TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX tsm_attendees_tsm ON tsm_attendees(tsm_id, position);

-- A pupil discussed. `case_id` links a pupil on the caseload (or one referred from here);
-- `chronology_id` is the case's chronology entry for this discussion, written once.
CREATE TABLE tsm_pupils (
    id              INTEGER PRIMARY KEY,
    tsm_id          TEXT NOT NULL REFERENCES tsms(id),
    position        INTEGER NOT NULL,
    upn             TEXT,
    name            TEXT NOT NULL DEFAULT '',
    year_group      INTEGER,
    case_id         TEXT REFERENCES cases(id),
    attendance_tenths INTEGER,                       -- attendance % when added, in tenths
    persistent      INTEGER NOT NULL DEFAULT 0,
    severe          INTEGER NOT NULL DEFAULT 0,
    barriers        TEXT NOT NULL DEFAULT '[]',      -- JSON array of barrier names
    has_plan        INTEGER,                         -- 1 yes, 0 no, NULL not known
    notes           TEXT NOT NULL DEFAULT '',
    chronology_id   TEXT REFERENCES chronology(id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;
CREATE INDEX tsm_pupils_tsm ON tsm_pupils(tsm_id, position);
CREATE UNIQUE INDEX tsm_pupils_upn ON tsm_pupils(tsm_id, upn) WHERE upn IS NOT NULL;

-- An agreed action, for a pupil discussed (`tsm_pupil_id`) or for the school as a whole.
CREATE TABLE tsm_actions (
    id                 INTEGER PRIMARY KEY,
    tsm_id             TEXT NOT NULL REFERENCES tsms(id),
    tsm_pupil_id       INTEGER REFERENCES tsm_pupils(id),
    position           INTEGER NOT NULL,
    what               TEXT NOT NULL DEFAULT '',
    owner_agency       TEXT NOT NULL,
    owner_person       TEXT NOT NULL DEFAULT '',
    lead_practitioner  TEXT NOT NULL DEFAULT '',
    due_on             TEXT,                         -- ISO date
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
) STRICT;
CREATE INDEX tsm_actions_tsm ON tsm_actions(tsm_id, position);
CREATE INDEX tsm_actions_pupil ON tsm_actions(tsm_pupil_id);

CREATE TABLE tsm_action_reviews (
    id           INTEGER PRIMARY KEY,
    action_id    INTEGER NOT NULL REFERENCES tsm_actions(id),
    tsm_id       TEXT REFERENCES tsms(id),           -- the meeting it was reviewed at, if any
    outcome      TEXT NOT NULL CHECK (outcome IN ('done', 'not_done', 'carried')),
    on_date      TEXT NOT NULL,                      -- ISO date
    recorded_at  TEXT NOT NULL
) STRICT;
CREATE INDEX tsm_action_reviews_action ON tsm_action_reviews(action_id, id);

CREATE TRIGGER tsm_action_reviews_no_update BEFORE UPDATE ON tsm_action_reviews
BEGIN SELECT RAISE(ABORT, 'tsm_action_reviews is append-only'); END;
CREATE TRIGGER tsm_action_reviews_no_delete BEFORE DELETE ON tsm_action_reviews
BEGIN SELECT RAISE(ABORT, 'tsm_action_reviews is append-only'); END;
