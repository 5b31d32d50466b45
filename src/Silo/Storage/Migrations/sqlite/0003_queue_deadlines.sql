-- Relief schema 3 for SQLite: service deadlines in the case queues (overdue marks, escalation to the parent unit).
ALTER TABLE relief_case_queue ADD COLUMN due_at_ms INTEGER NULL;
ALTER TABLE relief_case_queue ADD COLUMN escalates_at_ms INTEGER NULL;
ALTER TABLE relief_case_queue ADD COLUMN parent_code TEXT NULL;
CREATE INDEX IF NOT EXISTS relief_case_queue_escalations
    ON relief_case_queue (service_id, programme_id, parent_code, escalates_at_ms);
