-- Schema 6: the pupil's wider record (address, postcode, ward, flags, key professionals) and
-- the family: parents and carers, siblings on the caseload (pupils sharing a family) and
-- other children of the household, who may be at other schools. Search gains the family's
-- name and its carers' names.
CREATE TABLE families (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

ALTER TABLE pupils ADD COLUMN family_id TEXT REFERENCES families(id);
ALTER TABLE pupils ADD COLUMN address TEXT;
ALTER TABLE pupils ADD COLUMN postcode TEXT;
ALTER TABLE pupils ADD COLUMN ward TEXT;
ALTER TABLE pupils ADD COLUMN flags TEXT NOT NULL DEFAULT '[]';              -- JSON array
ALTER TABLE pupils ADD COLUMN key_professionals TEXT NOT NULL DEFAULT '[]';  -- JSON array
CREATE INDEX pupils_family ON pupils(family_id);

CREATE TABLE carers (
    id                       TEXT PRIMARY KEY NOT NULL,
    family_id                TEXT NOT NULL REFERENCES families(id),
    name                     TEXT NOT NULL,
    relationship             TEXT NOT NULL,
    phone                    TEXT,
    email                    TEXT,
    parental_responsibility  INTEGER NOT NULL,
    created_at               TEXT NOT NULL
) STRICT;
CREATE INDEX carers_family ON carers(family_id);

-- Children of the household who are not on this caseload (siblings at other schools).
CREATE TABLE family_children (
    id             TEXT PRIMARY KEY NOT NULL,
    family_id      TEXT NOT NULL REFERENCES families(id),
    name           TEXT NOT NULL,
    date_of_birth  TEXT,
    school_name    TEXT,
    created_at     TEXT NOT NULL
) STRICT;
CREATE INDEX family_children_family ON family_children(family_id);

DROP TRIGGER pupils_search_insert;
DROP TRIGGER pupils_search_update;
DROP TRIGGER pupils_search_delete;
DROP TABLE pupil_search;

CREATE VIRTUAL TABLE pupil_search USING fts5(
    names, upn, school, family,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);

INSERT INTO pupil_search (rowid, names, upn, school, family)
SELECT rowid, legal_name || ' ' || coalesce(preferred_name, ''), upn, school_name, '' FROM pupils;

CREATE TRIGGER pupils_search_insert AFTER INSERT ON pupils BEGIN
    INSERT INTO pupil_search (rowid, names, upn, school, family)
    VALUES (new.rowid, new.legal_name || ' ' || coalesce(new.preferred_name, ''), new.upn, new.school_name, '');
END;

-- The family column is refreshed by the store whenever a family, its carers or its members
-- change (caseload_store::families::refresh_search), inside the same transaction.
CREATE TRIGGER pupils_search_update AFTER UPDATE OF legal_name, preferred_name, upn, school_name ON pupils BEGIN
    UPDATE pupil_search SET names = new.legal_name || ' ' || coalesce(new.preferred_name, ''),
        upn = new.upn, school = new.school_name
    WHERE rowid = old.rowid;
END;

CREATE TRIGGER pupils_search_delete AFTER DELETE ON pupils BEGIN
    DELETE FROM pupil_search WHERE rowid = old.rowid;
END;
