-- Relief schema 3 for PostgreSQL: service deadlines in the case queues (overdue marks, escalation to the parent unit).
ALTER TABLE relief_case_queue ADD COLUMN IF NOT EXISTS due_at_ms bigint NULL;
ALTER TABLE relief_case_queue ADD COLUMN IF NOT EXISTS escalates_at_ms bigint NULL;
ALTER TABLE relief_case_queue ADD COLUMN IF NOT EXISTS parent_code text NULL;
CREATE INDEX IF NOT EXISTS relief_case_queue_escalations
    ON relief_case_queue (service_id, programme_id, parent_code, escalates_at_ms);
