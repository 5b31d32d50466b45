-- Relief schema 1 for SQLite (embedded mode): grain state and reminders for Orleans' ADO.NET providers.
-- Written for Relief; the providers find their statements in OrleansQuery by key and bind bare
-- parameter names (@Name). Journal mode (WAL) is set by the migrator, outside any transaction.

CREATE TABLE IF NOT EXISTS OrleansQuery (
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);

-- One row per grain state. The identity index includes every key part, so a grain can never own two
-- rows (two rows make the provider fail every later write of that grain: dotnet/orleans#11303).
CREATE TABLE IF NOT EXISTS relief_grain_state (
    service_id         TEXT    NOT NULL,
    grain_id_hash      INTEGER NOT NULL,
    grain_id_n0        INTEGER NOT NULL,
    grain_id_n1        INTEGER NOT NULL,
    grain_type_hash    INTEGER NOT NULL,
    grain_type         TEXT    NOT NULL,
    grain_id_extension TEXT,
    payload            BLOB,
    version            INTEGER NOT NULL,
    modified_at        TEXT    NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS relief_grain_state_identity ON relief_grain_state (
    service_id, grain_id_hash, grain_type_hash, grain_id_n0, grain_id_n1, grain_type, COALESCE(grain_id_extension, ''));

-- Durable reminders (Orleans ships no SQLite reminder table): one row per grain and reminder name.
CREATE TABLE IF NOT EXISTS relief_reminder (
    service_id    TEXT    NOT NULL,
    grain_id      TEXT    NOT NULL,
    reminder_name TEXT    NOT NULL,
    start_time    TEXT    NOT NULL,
    period_ms     INTEGER NOT NULL,
    grain_hash    INTEGER NOT NULL,
    version       INTEGER NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);
CREATE INDEX IF NOT EXISTS relief_reminder_by_hash ON relief_reminder (service_id, grain_hash);

-- Grain state. A write either updates the row at the caller's version or, for a grain never written,
-- inserts version 1; exactly one row comes back on success and none on a version conflict.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', '
SELECT payload AS "PayloadBinary", version AS "Version"
FROM relief_grain_state
WHERE service_id = @ServiceId AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type = @GrainTypeString
  AND grain_id_extension IS @GrainIdExtensionString
LIMIT 1;'),
('WriteToStorageKey', '
UPDATE relief_grain_state
SET payload = @PayloadBinary, version = version + 1, modified_at = CURRENT_TIMESTAMP
WHERE @GrainStateVersion IS NOT NULL AND version = @GrainStateVersion
  AND service_id = @ServiceId AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type = @GrainTypeString
  AND grain_id_extension IS @GrainIdExtensionString
RETURNING version AS "NewGrainStateVersion";
INSERT INTO relief_grain_state (service_id, grain_id_hash, grain_id_n0, grain_id_n1, grain_type_hash, grain_type,
                                grain_id_extension, payload, version, modified_at)
SELECT @ServiceId, @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
       @GrainIdExtensionString, @PayloadBinary, 1, CURRENT_TIMESTAMP
WHERE @GrainStateVersion IS NULL
ON CONFLICT DO NOTHING
RETURNING version AS "NewGrainStateVersion";'),
('ClearStorageKey', '
UPDATE relief_grain_state
SET payload = NULL, version = version + 1, modified_at = CURRENT_TIMESTAMP
WHERE version = @GrainStateVersion
  AND service_id = @ServiceId AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type = @GrainTypeString
  AND grain_id_extension IS @GrainIdExtensionString
RETURNING version;')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Reminders. Hashes are the ring positions reinterpreted as signed integers: range 1 is an ordinary
-- interval, range 2 the one that wraps around the ring.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadReminderRowsKey', '
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period_ms AS "Period", version AS "Version"
FROM relief_reminder
WHERE service_id = @ServiceId AND grain_id = @GrainId;'),
('ReadReminderRowKey', '
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period_ms AS "Period", version AS "Version"
FROM relief_reminder
WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName;'),
('ReadRangeRows1Key', '
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period_ms AS "Period", version AS "Version"
FROM relief_reminder
WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash;'),
('ReadRangeRows2Key', '
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period_ms AS "Period", version AS "Version"
FROM relief_reminder
WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash);'),
('UpsertReminderRowKey', '
INSERT INTO relief_reminder (service_id, grain_id, reminder_name, start_time, period_ms, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
SET start_time = excluded.start_time, period_ms = excluded.period_ms, grain_hash = excluded.grain_hash,
    version = relief_reminder.version + 1
RETURNING version AS "Version";'),
('DeleteReminderRowKey', '
DELETE FROM relief_reminder
WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName AND version = @Version;
SELECT changes();'),
('DeleteReminderRowsKey', '
DELETE FROM relief_reminder WHERE service_id = @ServiceId;')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
