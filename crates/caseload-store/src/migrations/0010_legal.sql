-- Schema 10: the legal ladder on a case (domain.md §6). Append-only, like the chronology:
-- courts and panels read these steps, so a step is never changed or removed. A correction is
-- a new row of the same kind whose `corrects` points at the step it replaces.
CREATE TABLE legal_steps (
    id                      TEXT PRIMARY KEY NOT NULL,
    case_id                 TEXT NOT NULL REFERENCES cases(id),
    kind                    TEXT NOT NULL CHECK (kind IN ('attendance_contract', 'notice_to_improve',
                                'penalty_notice', 'supervision_order', 'prosecution')),
    on_date                 TEXT NOT NULL,      -- ISO date agreed, issued or decided
    decided_by              TEXT NOT NULL CHECK (decided_by != ''),
    notes                   TEXT,
    reason                  TEXT,               -- why it was taken out of the ladder's order
    corrects                TEXT REFERENCES legal_steps(id),
    -- attendance_contract: never agreed in the parents' absence
    parents_present         INTEGER CHECK (kind != 'attendance_contract' OR parents_present = 1),
    terms                   TEXT,
    compliance              TEXT,
    -- notice_to_improve
    improvement_ends_on     TEXT,
    sufficient_improvement  TEXT,
    -- notice_to_improve, supervision_order, prosecution
    outcome                 TEXT,
    -- penalty_notice
    parent_name             TEXT CHECK (kind != 'penalty_notice' OR parent_name != ''),
    paid_on                 TEXT,
    -- supervision_order
    eso_stage               TEXT CHECK (eso_stage IS NULL OR eso_stage IN ('considered', 'applied', 'made')),
    -- prosecution
    section                 TEXT CHECK (section IS NULL OR section IN ('s444_1', 's444_1a')),
    recorded_at             TEXT NOT NULL       -- RFC 3339 UTC, when it was typed
) STRICT;
CREATE INDEX legal_steps_case ON legal_steps(case_id, on_date, recorded_at);

CREATE TRIGGER legal_steps_append_only_update BEFORE UPDATE ON legal_steps
BEGIN SELECT RAISE(ABORT, 'legal steps are never edited: add a correction'); END;
CREATE TRIGGER legal_steps_append_only_delete BEFORE DELETE ON legal_steps
BEGIN SELECT RAISE(ABORT, 'legal steps are never deleted: add a correction'); END;
CREATE TRIGGER legal_steps_correction_same_case BEFORE INSERT ON legal_steps
WHEN new.corrects IS NOT NULL
 AND (SELECT case_id || ' ' || kind FROM legal_steps WHERE id = new.corrects) IS NOT (new.case_id || ' ' || new.kind)
BEGIN SELECT RAISE(ABORT, 'a correction must correct a step of the same kind on the same case'); END;
