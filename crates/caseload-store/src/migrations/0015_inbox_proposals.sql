-- The shared drive cannot inject (issue 14).
--
-- What each inbox file looked like when it was last read (its escaped name, size and
-- modification time), so a file that has not changed is not read or hashed again. Not
-- evidence: a stamp is replaced when the file changes.
CREATE TABLE inbox_stamps (
    kind         TEXT NOT NULL CHECK (kind IN ('allocations', 'attendance')),
    file_name    TEXT NOT NULL,
    size         INTEGER NOT NULL,
    modified_ns  INTEGER NOT NULL,
    PRIMARY KEY (kind, file_name)
) STRICT, WITHOUT ROWID;

-- An allocation file no longer creates or changes cases by itself: each new case and each
-- change to a case's pupil details it brings is a proposal, and nothing happens until the
-- worker accepts it. `values_json` holds the incoming pupil (field → value) for a new case;
-- `changes_json` the changed fields ([{field, from, to}]) for an existing one. A refused or
-- superseded proposal keeps no pupil values.
CREATE TABLE inbox_proposals (
    id              INTEGER PRIMARY KEY,
    inbox_file_id   INTEGER NOT NULL REFERENCES inbox_files(id),
    kind            TEXT NOT NULL CHECK (kind IN ('new_case', 'update')),
    upn             TEXT NOT NULL,
    pupil_id        TEXT REFERENCES pupils(id),
    values_json     TEXT NOT NULL,
    changes_json    TEXT NOT NULL,
    referral_source TEXT NOT NULL,
    referral_date   TEXT NOT NULL,
    raised_at       TEXT NOT NULL,
    decided_at      TEXT,
    decision        TEXT CHECK (decision IN ('accepted', 'refused', 'superseded')),
    CHECK ((decided_at IS NULL) = (decision IS NULL)),
    CHECK ((kind = 'update') = (pupil_id IS NOT NULL))
) STRICT;
CREATE INDEX inbox_proposals_open ON inbox_proposals(decided_at, upn);
