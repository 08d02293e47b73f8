-- Retention (issue 13): a closed case that is due under the council's retention rule can be
-- purged with everything hanging off it, and delivered export bytes are dropped after a number
-- of days while the record of what was delivered, and when, stays.
--
-- The append-only tables refuse DELETE, except for the rows of a case the purge has listed in
-- `purge_permits` inside its own transaction (and removes again before it commits). Nothing else
-- ever writes that table, so an ordinary delete is refused exactly as before.

CREATE TABLE purge_permits (
    case_id  TEXT PRIMARY KEY NOT NULL
) STRICT, WITHOUT ROWID;

DROP TRIGGER case_events_append_only_delete;
CREATE TRIGGER case_events_append_only_delete BEFORE DELETE ON case_events
WHEN NOT EXISTS (SELECT 1 FROM purge_permits WHERE case_id = old.case_id)
BEGIN SELECT RAISE(ABORT, 'case events are never deleted'); END;

DROP TRIGGER chronology_append_only_delete;
CREATE TRIGGER chronology_append_only_delete BEFORE DELETE ON chronology
WHEN NOT EXISTS (SELECT 1 FROM purge_permits WHERE case_id = old.case_id)
BEGIN SELECT RAISE(ABORT, 'chronology entries are never deleted: add a correction'); END;

DROP TRIGGER legal_steps_append_only_delete;
CREATE TRIGGER legal_steps_append_only_delete BEFORE DELETE ON legal_steps
WHEN NOT EXISTS (SELECT 1 FROM purge_permits WHERE case_id = old.case_id)
BEGIN SELECT RAISE(ABORT, 'legal steps are never deleted: add a correction'); END;

-- A review belongs to a TSM action about a pupil; the purge deletes only the reviews of the
-- purged pupil's actions, and only while a permit is held.
DROP TRIGGER tsm_action_reviews_no_delete;
CREATE TRIGGER tsm_action_reviews_no_delete BEFORE DELETE ON tsm_action_reviews
WHEN NOT EXISTS (SELECT 1 FROM purge_permits)
BEGIN SELECT RAISE(ABORT, 'tsm_action_reviews is append-only'); END;

-- Delivered bytes dropped: when, and each file's size before (its name, rows and hash stay).
ALTER TABLE outbox ADD COLUMN bytes_purged_at TEXT;
ALTER TABLE outbox_files ADD COLUMN purged_size INTEGER;
