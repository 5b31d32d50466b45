-- Relief schema 8 for SQLite: a case's state in a table of its own, written in one transaction with the records
-- that follow it — its inbox lines and its wake-up (docs/adr/0018). Cases written before this script stay in
-- relief_grain_state and are read from there until their next write moves them here.
CREATE TABLE IF NOT EXISTS relief_case_state (
    service_id  TEXT    NOT NULL,
    grain_id    TEXT    NOT NULL,
    version     INTEGER NOT NULL,
    payload     BLOB    NOT NULL,
    modified_at TEXT    NOT NULL,
    PRIMARY KEY (service_id, grain_id)
);
-- The case version that set a wake-up: a recovery wake-up held for a step is lowered only by that step.
ALTER TABLE relief_wakeup ADD COLUMN set_by_version INTEGER NULL;
