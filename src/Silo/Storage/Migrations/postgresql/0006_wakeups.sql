-- Relief schema 6 for PostgreSQL: when each waiting grain is next due (docs/adr/0016), swept by shard and due time.
CREATE TABLE IF NOT EXISTS relief_wakeup (
    service_id text   NOT NULL,
    grain_id   text   NOT NULL,
    shard      int    NOT NULL,
    due_at_ms  bigint NOT NULL,
    PRIMARY KEY (service_id, grain_id)
);
CREATE INDEX IF NOT EXISTS relief_wakeup_due
    ON relief_wakeup (service_id, shard, due_at_ms);
