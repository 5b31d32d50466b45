-- Relief schema 9 for PostgreSQL: what the instances view and workflow migrations find cases by, written in the same
-- statement as the case's state (docs/adr/0019). A case stored before this script has these columns empty until its
-- next write.
ALTER TABLE relief_case_state ADD COLUMN IF NOT EXISTS case_id            text    NULL;
ALTER TABLE relief_case_state ADD COLUMN IF NOT EXISTS programme_id       text    NULL;
ALTER TABLE relief_case_state ADD COLUMN IF NOT EXISTS branch_code        text    NULL;
ALTER TABLE relief_case_state ADD COLUMN IF NOT EXISTS status             text    NULL;
ALTER TABLE relief_case_state ADD COLUMN IF NOT EXISTS definition_version integer NULL;
-- The nodes the case waits at, each between bars ('|district|city|'), so that a node is found with LIKE.
ALTER TABLE relief_case_state ADD COLUMN IF NOT EXISTS waiting_nodes      text    NULL;
ALTER TABLE relief_case_state ADD COLUMN IF NOT EXISTS due_at_ms          bigint  NULL;
ALTER TABLE relief_case_state ADD COLUMN IF NOT EXISTS open_incidents     integer NULL;
ALTER TABLE relief_case_state ADD COLUMN IF NOT EXISTS pending_effects    integer NULL;
ALTER TABLE relief_case_state ADD COLUMN IF NOT EXISTS filed_at_ms        bigint  NULL;
-- No secondary index: every index is one more entry written by every step of every case, and a step's write is the
-- season's hot path (measured in docs/performance.md, issue 15). The instances view filters the service's rows;
-- a migration walks them in the primary key's order (grain_id, which is 'case/' and the case id).
