-- Relief schema 6 for SQLite: when each waiting grain is next due (docs/adr/0016), swept by shard and due time.
CREATE TABLE IF NOT EXISTS relief_wakeup (
    service_id TEXT    NOT NULL,
    grain_id   TEXT    NOT NULL,
    shard      INTEGER NOT NULL,
    due_at_ms  INTEGER NOT NULL,
    PRIMARY KEY (service_id, grain_id)
);
CREATE INDEX IF NOT EXISTS relief_wakeup_due
    ON relief_wakeup (service_id, shard, due_at_ms);
