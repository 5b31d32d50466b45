-- Relief schema 8 for PostgreSQL: a case's state in a table of its own, written in one transaction with the
-- records that follow it — its inbox lines and its wake-up (docs/adr/0018). Cases written before this script stay
-- in relief_grain_state and are read from there until their next write moves them here.
CREATE TABLE IF NOT EXISTS relief_case_state (
    service_id  text        NOT NULL,
    grain_id    text        NOT NULL,
    version     integer     NOT NULL,
    payload     bytea       NOT NULL,
    modified_at timestamptz NOT NULL,
    PRIMARY KEY (service_id, grain_id)
);
-- The case version that set a wake-up: a recovery wake-up held for a step is lowered only by that step.
ALTER TABLE relief_wakeup ADD COLUMN IF NOT EXISTS set_by_version integer NULL;
