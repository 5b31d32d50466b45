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
-- No secondary index: every index is one more entry written by every step of every case, and a step's write is the
-- season's hot path (measured in docs/performance.md, issue 15). The instances view filters the service's rows;
-- a migration walks them in the primary key's order (grain_id, which is 'case/' and the case id).
