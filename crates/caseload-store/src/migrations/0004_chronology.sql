-- Schema 4: the chronology. Append-only, enforced here and not only in code: inspectors and
-- courts rely on entries never being silently changed. A correction is a new row whose
-- `corrects` points at the entry it corrects, in the same case.
CREATE TABLE chronology (
    id           TEXT PRIMARY KEY NOT NULL,
    case_id      TEXT NOT NULL REFERENCES cases(id),
    kind         TEXT NOT NULL,      -- home_visit | phone_call | letter | school_meeting | tsm_discussion | other
    occurred_at  TEXT NOT NULL,      -- local (Europe/London) date and time, YYYY-MM-DDTHH:MM
    who          TEXT NOT NULL,
    what         TEXT NOT NULL,
    outcome      TEXT,
    next_step    TEXT,
    corrects     TEXT REFERENCES chronology(id),
    recorded_at  TEXT NOT NULL       -- RFC 3339 UTC, when it was typed
) STRICT;
CREATE INDEX chronology_case ON chronology(case_id, occurred_at, recorded_at);

CREATE TRIGGER chronology_append_only_update BEFORE UPDATE ON chronology
BEGIN SELECT RAISE(ABORT, 'chronology entries are never edited: add a correction'); END;
CREATE TRIGGER chronology_append_only_delete BEFORE DELETE ON chronology
BEGIN SELECT RAISE(ABORT, 'chronology entries are never deleted: add a correction'); END;
CREATE TRIGGER chronology_correction_same_case BEFORE INSERT ON chronology
WHEN new.corrects IS NOT NULL
 AND (SELECT case_id FROM chronology WHERE id = new.corrects) IS NOT new.case_id
BEGIN SELECT RAISE(ABORT, 'a correction must correct an entry of the same case'); END;
