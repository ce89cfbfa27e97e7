-- Orleans ADO.NET clustering (membership) for PostgreSQL, contract of Orleans.Clustering.AdoNet 10.4.2.
--
-- The membership table is versioned as a whole: every insert or update of a silo row must also move
-- OrleansMembershipVersionTable.Version from @Version (the version the silo last read) to @Version + 1,
-- atomically, and report false when someone else moved it first. Each statement below does both halves
-- in one statement (data-modifying CTEs), so no stored functions are needed.
-- Timestamps are timestamptz: Orleans binds DateTime parameters as DbType.DateTime (UTC), which Npgsql
-- sends as timestamp with time zone.

CREATE TABLE OrleansMembershipVersionTable
(
    DeploymentId varchar(150) NOT NULL,
    Timestamp    timestamptz  NOT NULL DEFAULT now(),
    Version      integer      NOT NULL DEFAULT 0,
    CONSTRAINT PK_OrleansMembershipVersionTable PRIMARY KEY (DeploymentId)
);

CREATE TABLE OrleansMembershipTable
(
    DeploymentId varchar(150) NOT NULL,
    Address      varchar(45)  NOT NULL,
    Port         integer      NOT NULL,
    Generation   integer      NOT NULL,
    SiloName     varchar(150) NOT NULL,
    HostName     varchar(150) NOT NULL,
    Status       integer      NOT NULL,
    ProxyPort    integer      NULL,
    SuspectTimes text         NULL,
    StartTime    timestamptz  NOT NULL,
    IAmAliveTime timestamptz  NOT NULL,
    CONSTRAINT PK_OrleansMembershipTable PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT FK_OrleansMembershipTable_Version FOREIGN KEY (DeploymentId)
        REFERENCES OrleansMembershipVersionTable (DeploymentId)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- Creates the version row for a cluster once; true only for the silo that created it.
('InsertMembershipVersionKey', '
WITH created AS (
    INSERT INTO OrleansMembershipVersionTable (DeploymentId)
    VALUES (@DeploymentId)
    ON CONFLICT (DeploymentId) DO NOTHING
    RETURNING DeploymentId
)
SELECT EXISTS (SELECT 1 FROM created) AS Created;
'),

-- Adds a silo row and advances the table version together; false if the version moved or the row exists.
('InsertMembershipKey', '
WITH advanced AS (
    UPDATE OrleansMembershipVersionTable AS v
       SET Version = v.Version + 1,
           Timestamp = now()
     WHERE v.DeploymentId = @DeploymentId
       AND v.Version = @Version
       AND NOT EXISTS (SELECT 1
                         FROM OrleansMembershipTable AS m
                        WHERE m.DeploymentId = @DeploymentId
                          AND m.Address = @Address
                          AND m.Port = @Port
                          AND m.Generation = @Generation)
    RETURNING v.DeploymentId
), added AS (
    INSERT INTO OrleansMembershipTable
           (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort,
            StartTime, IAmAliveTime)
    SELECT a.DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort,
           @StartTime, @IAmAliveTime
      FROM advanced AS a
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM added) AS Inserted;
'),

-- Changes a silo status / suspicions and advances the table version together; false on a version race.
('UpdateMembershipKey', '
WITH advanced AS (
    UPDATE OrleansMembershipVersionTable AS v
       SET Version = v.Version + 1,
           Timestamp = now()
     WHERE v.DeploymentId = @DeploymentId
       AND v.Version = @Version
       AND EXISTS (SELECT 1
                     FROM OrleansMembershipTable AS m
                    WHERE m.DeploymentId = @DeploymentId
                      AND m.Address = @Address
                      AND m.Port = @Port
                      AND m.Generation = @Generation)
    RETURNING v.DeploymentId
), changed AS (
    UPDATE OrleansMembershipTable AS m
       SET Status = @Status,
           SuspectTimes = @SuspectTimes,
           IAmAliveTime = @IAmAliveTime
      FROM advanced AS a
     WHERE m.DeploymentId = a.DeploymentId
       AND m.Address = @Address
       AND m.Port = @Port
       AND m.Generation = @Generation
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM changed) AS Updated;
'),

-- Heartbeat: deliberately does not touch the table version (Orleans does not check its result).
('UpdateIAmAlivetimeKey', '
UPDATE OrleansMembershipTable
   SET IAmAliveTime = @IAmAliveTime
 WHERE DeploymentId = @DeploymentId
   AND Address = @Address
   AND Port = @Port
   AND Generation = @Generation;
'),

-- Both read queries start from the version row and LEFT JOIN the silos, so they always return at least
-- one row carrying Version; silo columns are NULL when there is no matching silo.
('MembershipReadRowKey', '
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status,
       m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
  FROM OrleansMembershipVersionTable AS v
  LEFT JOIN OrleansMembershipTable AS m
         ON m.DeploymentId = v.DeploymentId
        AND m.Address = @Address
        AND m.Port = @Port
        AND m.Generation = @Generation
 WHERE v.DeploymentId = @DeploymentId;
'),

('MembershipReadAllKey', '
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status,
       m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
  FROM OrleansMembershipVersionTable AS v
  LEFT JOIN OrleansMembershipTable AS m
         ON m.DeploymentId = v.DeploymentId
 WHERE v.DeploymentId = @DeploymentId;
'),

-- Gateways clients may connect to: active silos (@Status is Active = 3) that expose a proxy port.
('GatewaysQueryKey', '
SELECT Address, ProxyPort, Generation
  FROM OrleansMembershipTable
 WHERE DeploymentId = @DeploymentId
   AND Status = @Status
   AND ProxyPort > 0;
'),

-- Silo rows first: the version row is referenced by them.
('DeleteMembershipTableEntriesKey', '
DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId;
'),

-- Removes silos that are Dead (6) and neither started nor heartbeated since the cutoff (@IAmAliveTime).
('CleanupDefunctSiloEntriesKey', '
DELETE FROM OrleansMembershipTable
 WHERE DeploymentId = @DeploymentId
   AND Status = 6
   AND IAmAliveTime < @IAmAliveTime
   AND StartTime < @IAmAliveTime;
');
