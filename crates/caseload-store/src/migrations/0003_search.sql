-- Schema 3: full-text search over pupils (names, UPN, school), kept in step by triggers so
-- it can never drift from the table. FTS5 runs inside the encrypted database: the index is
-- encrypted like every other page. Family names join when families arrive.
CREATE VIRTUAL TABLE pupil_search USING fts5(
    names, upn, school,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);

INSERT INTO pupil_search (rowid, names, upn, school)
SELECT rowid, legal_name || ' ' || coalesce(preferred_name, ''), upn, school_name FROM pupils;

CREATE TRIGGER pupils_search_insert AFTER INSERT ON pupils BEGIN
    INSERT INTO pupil_search (rowid, names, upn, school)
    VALUES (new.rowid, new.legal_name || ' ' || coalesce(new.preferred_name, ''), new.upn, new.school_name);
END;

CREATE TRIGGER pupils_search_update AFTER UPDATE ON pupils BEGIN
    UPDATE pupil_search SET names = new.legal_name || ' ' || coalesce(new.preferred_name, ''),
        upn = new.upn, school = new.school_name
    WHERE rowid = old.rowid;
END;

CREATE TRIGGER pupils_search_delete AFTER DELETE ON pupils BEGIN
    DELETE FROM pupil_search WHERE rowid = old.rowid;
END;
