-- Relief schema 2 for SQLite: the queues of cases waiting at each unit (see docs/adr/0005).
CREATE TABLE IF NOT EXISTS relief_case_queue (
    service_id       TEXT    NOT NULL,
    unit_code        TEXT    NOT NULL,
    case_id          TEXT    NOT NULL,
    programme_id     TEXT    NOT NULL,
    waiting_for      TEXT    NOT NULL,
    branch_code      TEXT    NOT NULL,
    category         TEXT    NOT NULL,
    amount_fen       INTEGER NOT NULL,
    masked_name      TEXT    NOT NULL,
    waiting_since_ms INTEGER NOT NULL,
    case_version     INTEGER NOT NULL,
    PRIMARY KEY (service_id, unit_code, case_id)
);
CREATE INDEX IF NOT EXISTS relief_case_queue_oldest_first
    ON relief_case_queue (service_id, programme_id, unit_code, waiting_for, waiting_since_ms, case_id);
