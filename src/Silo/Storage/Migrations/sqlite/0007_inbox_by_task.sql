-- Relief schema 7 for SQLite: the inbox, one line per open task of a case (docs/adr/0017).
-- A case may wait at one unit for two tasks at once (a countersign by two offices), so a line is keyed by its
-- task, not by unit and case. Where each task belongs is kept after it is done, so that completing it again
-- finds its case and returns the first result.
CREATE TABLE IF NOT EXISTS relief_inbox (
    service_id       TEXT NOT NULL,
    task_id          TEXT NOT NULL,
    case_id          TEXT NOT NULL,
    unit_code        TEXT NOT NULL,
    parent_code      TEXT NULL,
    node             TEXT NOT NULL,
    title            TEXT NOT NULL,
    roles            TEXT NOT NULL,
    programme_id     TEXT NOT NULL,
    waiting_for      TEXT NOT NULL,
    branch_code      TEXT NOT NULL,
    category         TEXT NOT NULL,
    amount_fen       INTEGER NOT NULL,
    masked_name      TEXT NOT NULL,
    waiting_since_ms INTEGER NOT NULL,
    case_version     INTEGER NOT NULL,
    due_at_ms        INTEGER NULL,
    escalates_at_ms  INTEGER NULL,
    PRIMARY KEY (service_id, task_id)
);
CREATE INDEX IF NOT EXISTS relief_inbox_oldest_first
    ON relief_inbox (service_id, programme_id, unit_code, waiting_for, waiting_since_ms, case_id);
CREATE INDEX IF NOT EXISTS relief_inbox_escalations
    ON relief_inbox (service_id, programme_id, parent_code, escalates_at_ms);
CREATE INDEX IF NOT EXISTS relief_inbox_by_case
    ON relief_inbox (service_id, case_id);
CREATE TABLE IF NOT EXISTS relief_task (
    service_id TEXT NOT NULL,
    task_id    TEXT NOT NULL,
    case_id    TEXT NOT NULL,
    PRIMARY KEY (service_id, task_id)
);
-- Cases queued before the engine wake within a minute, read their old state as a workflow instance and write
-- their lines here (CaseGrain.Legacy); the old table then goes. Their rows sit in shard 0 (the hash that picks a
-- shard is not SQL's) until each case schedules its next wake-up, which moves the row to its own shard.
INSERT INTO relief_wakeup (service_id, grain_id, shard, due_at_ms)
SELECT DISTINCT service_id, 'case/' || replace(case_id, '-', ''), 0, 0 FROM relief_case_queue WHERE true
ON CONFLICT (service_id, grain_id) DO UPDATE SET due_at_ms = 0;
DROP TABLE IF EXISTS relief_case_queue;
