-- Schema 5: each case's plan (barriers, SMART target, interventions, review dates) and the
-- actions agreed in it. The plan is revised as work goes on; actions change status, dated.
CREATE TABLE plans (
    case_id         TEXT PRIMARY KEY NOT NULL REFERENCES cases(id),
    barriers        TEXT NOT NULL DEFAULT '[]',   -- JSON array of barrier names
    other_barriers  TEXT,
    target_tenths   INTEGER,                      -- SMART target: attendance % in tenths ...
    target_by       TEXT,                         -- ... by this ISO date
    interventions   TEXT,
    review_dates    TEXT NOT NULL DEFAULT '[]',   -- JSON array of ISO dates
    updated_at      TEXT NOT NULL
) STRICT;

CREATE TABLE plan_actions (
    id          TEXT PRIMARY KEY NOT NULL,
    case_id     TEXT NOT NULL REFERENCES cases(id),
    what        TEXT NOT NULL,
    owner       TEXT NOT NULL,
    due_on      TEXT NOT NULL,
    status      TEXT NOT NULL,                   -- open | done | not_done
    status_on   TEXT,                            -- ISO date the status last changed
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX plan_actions_case ON plan_actions(case_id, due_on);
CREATE INDEX plan_actions_open ON plan_actions(status, case_id);
