-- Schema 7: the worker's link schools, with the contacts who attend their Targeting Support
-- Meetings (the senior attendance champion and the designated safeguarding lead).
CREATE TABLE link_schools (
    urn             TEXT PRIMARY KEY NOT NULL,
    name            TEXT NOT NULL,
    phase           TEXT NOT NULL,
    champion_name   TEXT,
    champion_phone  TEXT,
    champion_email  TEXT,
    dsl_name        TEXT,
    dsl_phone       TEXT,
    dsl_email       TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;
