-- Relief schema 9 for SQLite: what the instances view and workflow migrations find cases by, written in the same
-- statement as the case's state (docs/adr/0019). A case stored before this script has these columns empty until its
-- next write.
ALTER TABLE relief_case_state ADD COLUMN case_id            TEXT    NULL;
ALTER TABLE relief_case_state ADD COLUMN programme_id       TEXT    NULL;
ALTER TABLE relief_case_state ADD COLUMN branch_code        TEXT    NULL;
ALTER TABLE relief_case_state ADD COLUMN status             TEXT    NULL;
ALTER TABLE relief_case_state ADD COLUMN definition_version INTEGER NULL;
-- The nodes the case waits at, each between bars ('|district|city|'), so that a node is found with LIKE.
ALTER TABLE relief_case_state ADD COLUMN waiting_nodes      TEXT    NULL;
ALTER TABLE relief_case_state ADD COLUMN due_at_ms          INTEGER NULL;
ALTER TABLE relief_case_state ADD COLUMN open_incidents     INTEGER NULL;
ALTER TABLE relief_case_state ADD COLUMN pending_effects    INTEGER NULL;
ALTER TABLE relief_case_state ADD COLUMN filed_at_ms        INTEGER NULL;
CREATE INDEX IF NOT EXISTS relief_case_state_by_programme
    ON relief_case_state (service_id, programme_id, definition_version, status);
CREATE INDEX IF NOT EXISTS relief_case_state_by_branch
    ON relief_case_state (service_id, programme_id, branch_code);
