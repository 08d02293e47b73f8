-- Schema 11: the review date of a pupil's part-time timetable (domain.md §7: part-time
-- timetables are time-limited and must be reviewed; the rules engine flags one past its date).
ALTER TABLE pupils ADD COLUMN part_time_review_on TEXT;
