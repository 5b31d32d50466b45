-- Relief schema 2 for PostgreSQL: the queues of cases waiting at each unit (see docs/adr/0005).
CREATE TABLE IF NOT EXISTS relief_case_queue (
    service_id       text    NOT NULL,
    unit_code        text    NOT NULL,
    case_id          text    NOT NULL,
    programme_id     text    NOT NULL,
    waiting_for      text    NOT NULL,
    branch_code      text    NOT NULL,
    category         text    NOT NULL,
    amount_fen       bigint  NOT NULL,
    masked_name      text    NOT NULL,
    waiting_since_ms bigint  NOT NULL,
    case_version     integer NOT NULL,
    PRIMARY KEY (service_id, unit_code, case_id)
);
CREATE INDEX IF NOT EXISTS relief_case_queue_oldest_first
    ON relief_case_queue (service_id, programme_id, unit_code, waiting_for, waiting_since_ms, case_id);
