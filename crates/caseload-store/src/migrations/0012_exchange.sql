-- Schema 12: exports queued for the council's shared drive (the outbox) and files taken in
-- from its inbox. Queued files are kept here, inside the encrypted database, until delivered:
-- nothing waits on the laptop's disk in the clear.
CREATE TABLE outbox (
    export_id            TEXT PRIMARY KEY NOT NULL,   -- UUID v7; delivering it again changes nothing
    kind                 TEXT NOT NULL,               -- funnel | tsm-actions | ward-bands | closures
    formats              TEXT NOT NULL,               -- e.g. "csv,json"
    period_from          TEXT,
    period_to            TEXT,
    identifiable_reason  TEXT,                        -- NULL: pseudonymised
    created_at           TEXT NOT NULL,
    status               TEXT NOT NULL CHECK (status IN ('queued', 'failed', 'delivered')),
    attempts             INTEGER NOT NULL DEFAULT 0,
    last_attempt_at      TEXT,
    next_attempt_at      TEXT,                        -- back-off after a failure
    failure_kind         TEXT,
    failure_reason       TEXT,                        -- plain words for the worker; never file contents
    delivered_at         TEXT,
    delivered_folder     TEXT                         -- relative to the share
) STRICT;
CREATE INDEX outbox_status ON outbox(status, created_at);

CREATE TABLE outbox_files (
    export_id  TEXT NOT NULL REFERENCES outbox(export_id),
    name       TEXT NOT NULL,
    format     TEXT NOT NULL,
    rows       INTEGER NOT NULL,
    sha256     TEXT NOT NULL,
    bytes      BLOB NOT NULL,
    PRIMARY KEY (export_id, name)
) STRICT;

-- Each inbox file seen, by content: the same bytes are never taken twice, whatever the name.
CREATE TABLE inbox_files (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('allocations', 'attendance')),
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL UNIQUE,
    seen_at     TEXT NOT NULL,
    outcome     TEXT NOT NULL CHECK (outcome IN ('taken', 'refused')),
    detail      TEXT NOT NULL               -- what was taken, or why it was refused
) STRICT;

-- What the council's allocation files last said of each pupil field, so an incoming change is
-- applied only where the worker has not edited the field since (three-way comparison).
CREATE TABLE allocation_values (
    pupil_id  TEXT NOT NULL REFERENCES pupils(id),
    field     TEXT NOT NULL,
    value     TEXT NOT NULL,
    PRIMARY KEY (pupil_id, field)
) STRICT, WITHOUT ROWID;

-- An incoming value that differs from one the worker edited: both kept until the worker chooses.
CREATE TABLE inbox_conflicts (
    id              INTEGER PRIMARY KEY,
    pupil_id        TEXT NOT NULL REFERENCES pupils(id),
    field           TEXT NOT NULL,
    worker_value    TEXT NOT NULL,
    incoming_value  TEXT NOT NULL,
    inbox_file_id   INTEGER NOT NULL REFERENCES inbox_files(id),
    raised_at       TEXT NOT NULL,
    resolved_at     TEXT,
    chosen          TEXT CHECK (chosen IN ('worker', 'incoming'))
) STRICT;
CREATE INDEX inbox_conflicts_open ON inbox_conflicts(resolved_at, pupil_id);
