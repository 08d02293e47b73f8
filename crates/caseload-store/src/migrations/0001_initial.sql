-- Schema 1: pupils and their cases (the first vertical slice).
CREATE TABLE pupils (
    id              TEXT PRIMARY KEY NOT NULL,
    legal_name      TEXT NOT NULL,
    preferred_name  TEXT,
    date_of_birth   TEXT NOT NULL,          -- ISO date
    upn             TEXT NOT NULL UNIQUE,
    school_urn      TEXT NOT NULL,
    school_name     TEXT NOT NULL,
    year_group      INTEGER NOT NULL,
    created_at      TEXT NOT NULL,          -- RFC 3339, UTC
    updated_at      TEXT NOT NULL
) STRICT;

CREATE TABLE cases (
    id          TEXT PRIMARY KEY NOT NULL,
    pupil_id    TEXT NOT NULL REFERENCES pupils(id),
    status      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE INDEX cases_pupil ON cases(pupil_id);
