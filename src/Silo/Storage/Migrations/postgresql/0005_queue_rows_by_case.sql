-- Relief schema 5 for PostgreSQL: a case's queue rows found by the case.
-- A case's queue rows by case id: moving a case deletes its rows at every other unit (RemoveAllExcept), and
-- without this index each move scanned every queued row of the service, so a move cost grew with the queues.
CREATE INDEX IF NOT EXISTS relief_case_queue_by_case
    ON relief_case_queue (service_id, case_id);
