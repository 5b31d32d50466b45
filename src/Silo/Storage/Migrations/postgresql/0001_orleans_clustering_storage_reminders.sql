-- Relief schema 1 for PostgreSQL (cluster mode): membership, grain state and reminders for Orleans'
-- ADO.NET providers. Written for Relief. The providers read their statements from OrleansQuery by key
-- (the loader's identifiers are unquoted, so this table's are too) and bind bare parameter names (@Name).

CREATE TABLE IF NOT EXISTS OrleansQuery (
    QueryKey  text NOT NULL PRIMARY KEY,
    QueryText text NOT NULL
);

-- Membership: one version row per cluster (the ETag of the whole table) and one row per silo.
CREATE TABLE IF NOT EXISTS relief_membership_version (
    deployment_id text        NOT NULL PRIMARY KEY,
    changed_at    timestamptz NOT NULL DEFAULT now(),
    version       integer     NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS relief_membership (
    deployment_id   text        NOT NULL REFERENCES relief_membership_version (deployment_id),
    address         text        NOT NULL,
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL,
    proxy_port      integer     NOT NULL DEFAULT 0,
    suspect_times   text,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- A membership change succeeds only if the table version is still the one the silo read; the version
-- bump and the row change commit together or not at all (the exception block rolls both back).
CREATE OR REPLACE FUNCTION relief_membership_insert(
    p_deployment_id text, p_address text, p_port integer, p_generation integer, p_silo_name text,
    p_host_name text, p_status integer, p_proxy_port integer, p_start_time timestamptz,
    p_i_am_alive_time timestamptz, p_version integer) RETURNS integer
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE relief_membership_version SET version = version + 1, changed_at = now()
    WHERE deployment_id = p_deployment_id AND version = p_version;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;
    INSERT INTO relief_membership (deployment_id, address, port, generation, silo_name, host_name, status,
                                   proxy_port, start_time, i_am_alive_time)
    VALUES (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status,
            COALESCE(p_proxy_port, 0), p_start_time, p_i_am_alive_time);
    RETURN 1;
EXCEPTION WHEN unique_violation THEN
    RETURN 0;
END;
$$;

CREATE OR REPLACE FUNCTION relief_membership_update(
    p_deployment_id text, p_address text, p_port integer, p_generation integer, p_status integer,
    p_suspect_times text, p_i_am_alive_time timestamptz, p_version integer) RETURNS integer
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE relief_membership_version SET version = version + 1, changed_at = now()
    WHERE deployment_id = p_deployment_id AND version = p_version;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;
    UPDATE relief_membership
    SET status = p_status, suspect_times = p_suspect_times, i_am_alive_time = p_i_am_alive_time
    WHERE deployment_id = p_deployment_id AND address = p_address AND port = p_port AND generation = p_generation;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'no_data_found';
    END IF;
    RETURN 1;
EXCEPTION WHEN no_data_found THEN
    RETURN 0;
END;
$$;

-- Grain state: as in the SQLite schema, the identity index makes two rows for one grain impossible.
CREATE TABLE IF NOT EXISTS relief_grain_state (
    service_id         text        NOT NULL,
    grain_id_hash      integer     NOT NULL,
    grain_id_n0        bigint      NOT NULL,
    grain_id_n1        bigint      NOT NULL,
    grain_type_hash    integer     NOT NULL,
    grain_type         text        NOT NULL,
    grain_id_extension text,
    payload            bytea,
    version            integer     NOT NULL,
    modified_at        timestamptz NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS relief_grain_state_identity ON relief_grain_state (
    service_id, grain_id_hash, grain_type_hash, grain_id_n0, grain_id_n1, grain_type, COALESCE(grain_id_extension, ''));

CREATE TABLE IF NOT EXISTS relief_reminder (
    service_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    start_time    timestamptz NOT NULL,
    period_ms     bigint      NOT NULL,
    grain_hash    integer     NOT NULL,
    version       integer     NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);
CREATE INDEX IF NOT EXISTS relief_reminder_by_hash ON relief_reminder (service_id, grain_hash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('InsertMembershipVersionKey', $q$
WITH created AS (
    INSERT INTO relief_membership_version (deployment_id) VALUES (@DeploymentId)
    ON CONFLICT DO NOTHING
    RETURNING 1)
SELECT count(*)::integer FROM created;$q$),
('MembershipReadAllKey', $q$
SELECT v.deployment_id AS "DeploymentId", m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
       m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime",
       v.version AS "Version"
FROM relief_membership_version v
LEFT JOIN relief_membership m ON m.deployment_id = v.deployment_id
WHERE v.deployment_id = @DeploymentId;$q$),
('MembershipReadRowKey', $q$
SELECT v.deployment_id AS "DeploymentId", m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
       m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime",
       v.version AS "Version"
FROM relief_membership_version v
LEFT JOIN relief_membership m ON m.deployment_id = v.deployment_id
    AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
WHERE v.deployment_id = @DeploymentId;$q$),
('InsertMembershipKey', $q$
SELECT relief_membership_insert(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status,
                                @ProxyPort, @StartTime, @IAmAliveTime, @Version);$q$),
('UpdateMembershipKey', $q$
SELECT relief_membership_update(@DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes,
                                @IAmAliveTime, @Version);$q$),
('UpdateIAmAlivetimeKey', $q$
UPDATE relief_membership SET i_am_alive_time = @IAmAliveTime
WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation;$q$),
('GatewaysQueryKey', $q$
SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
FROM relief_membership
WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0;$q$),
('DeleteMembershipTableEntriesKey', $q$
DELETE FROM relief_membership WHERE deployment_id = @DeploymentId;
DELETE FROM relief_membership_version WHERE deployment_id = @DeploymentId;$q$),
-- Called by the membership clean-up agent: forget silos that stopped heart-beating before the cut-off
-- and are not active. Without this key the provider refuses to start (dotnet/orleans PR #9125).
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM relief_membership
WHERE deployment_id = @DeploymentId AND i_am_alive_time < @IAmAliveTime AND status <> 3;$q$),
('ReadFromStorageKey', $q$
SELECT payload AS "PayloadBinary", version AS "Version"
FROM relief_grain_state
WHERE service_id = @ServiceId AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type = @GrainTypeString
  AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
LIMIT 1;$q$),
('WriteToStorageKey', $q$
UPDATE relief_grain_state
SET payload = @PayloadBinary, version = version + 1, modified_at = now()
WHERE @GrainStateVersion IS NOT NULL AND version = @GrainStateVersion
  AND service_id = @ServiceId AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type = @GrainTypeString
  AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
RETURNING version AS "NewGrainStateVersion";
INSERT INTO relief_grain_state (service_id, grain_id_hash, grain_id_n0, grain_id_n1, grain_type_hash, grain_type,
                                grain_id_extension, payload, version, modified_at)
SELECT @ServiceId, @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
       @GrainIdExtensionString, @PayloadBinary, 1, now()
WHERE @GrainStateVersion IS NULL
ON CONFLICT DO NOTHING
RETURNING version AS "NewGrainStateVersion";$q$),
('ClearStorageKey', $q$
UPDATE relief_grain_state
SET payload = NULL, version = version + 1, modified_at = now()
WHERE version = @GrainStateVersion
  AND service_id = @ServiceId AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type = @GrainTypeString
  AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
RETURNING version;$q$),
('ReadReminderRowsKey', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period_ms AS "Period", version AS "Version"
FROM relief_reminder
WHERE service_id = @ServiceId AND grain_id = @GrainId;$q$),
('ReadReminderRowKey', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period_ms AS "Period", version AS "Version"
FROM relief_reminder
WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName;$q$),
('ReadRangeRows1Key', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period_ms AS "Period", version AS "Version"
FROM relief_reminder
WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash;$q$),
('ReadRangeRows2Key', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period_ms AS "Period", version AS "Version"
FROM relief_reminder
WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash);$q$),
('UpsertReminderRowKey', $q$
INSERT INTO relief_reminder (service_id, grain_id, reminder_name, start_time, period_ms, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
SET start_time = excluded.start_time, period_ms = excluded.period_ms, grain_hash = excluded.grain_hash,
    version = relief_reminder.version + 1
RETURNING version AS "Version";$q$),
('DeleteReminderRowKey', $q$
WITH deleted AS (
    DELETE FROM relief_reminder
    WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName AND version = @Version
    RETURNING 1)
SELECT count(*)::integer FROM deleted;$q$),
('DeleteReminderRowsKey', $q$
DELETE FROM relief_reminder WHERE service_id = @ServiceId;$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
