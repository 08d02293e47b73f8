-- Schema 13: the audit trail. One entry per write (and per unlock, lock, document saved,
-- export): who, when, what kind of action, on which entity. Never the personal data itself:
-- entity ids are Caseload's own random identifiers, `detail` holds field names and counts.
-- Each entry's `hash` is SHA-256 over `prev_hash` and its own fields (the canonical form is in
-- docs/data-formats.md); the first entry's `prev_hash` is 64 zeros. Append-only: the triggers
-- below refuse every UPDATE and DELETE.
CREATE TABLE audit_log (
    seq          INTEGER PRIMARY KEY,           -- 1, 2, 3…: a gap means an entry was deleted
    at           TEXT NOT NULL,                 -- UTC, RFC 3339 with milliseconds
    worker       TEXT NOT NULL,                 -- the operating-system account that did it
    action       TEXT NOT NULL,                 -- e.g. case_add, chronology_add, unlock
    entity_type  TEXT NOT NULL DEFAULT '',      -- e.g. case, chronology_entry, tsm, export
    entity_id    TEXT NOT NULL DEFAULT '',
    case_id      TEXT NOT NULL DEFAULT '',      -- the case the entry belongs to, if any
    detail       TEXT NOT NULL DEFAULT '',      -- non-personal: changed field names, counts
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL
) STRICT;
CREATE INDEX audit_log_case ON audit_log(case_id) WHERE case_id <> '';
CREATE INDEX audit_log_at ON audit_log(at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only: an entry cannot be changed');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only: an entry cannot be deleted');
END;
