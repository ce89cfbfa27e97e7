-- Orleans ADO.NET grain persistence for PostgreSQL, contract of Orleans.Persistence.AdoNet 10.4.2.
--
--  * a grain is identified by @ServiceId, @GrainTypeString and @GrainIdN0/@GrainIdN1/@GrainIdExtensionString;
--    @GrainIdHash and @GrainTypeHash are hashes of those and lead the unique index, so lookups are seeks;
--  * the ETag is the integer Version column. A write/clear/delete that returns no row, NULL, or the
--    version the caller already holds is reported as an InconsistentStateException.
-- A missing key extension is stored as an empty string so the unique constraint also covers it
-- (NULLs would be distinct) on every PostgreSQL version.

CREATE TABLE OrleansStorage
(
    GrainIdHash            integer     NOT NULL,
    GrainTypeHash          integer     NOT NULL,
    GrainIdN0              bigint      NOT NULL,
    GrainIdN1              bigint      NOT NULL,
    ServiceId              text        NOT NULL,
    GrainTypeString        text        NOT NULL,
    GrainIdExtensionString text        NOT NULL DEFAULT '',
    PayloadBinary          bytea       NULL,
    Version                integer     NOT NULL,
    ModifiedOn             timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT UX_OrleansStorage_Grain
        UNIQUE (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, ServiceId, GrainTypeString, GrainIdExtensionString)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- No row: never written. A cleared grain keeps its row with a NULL payload so its version chain continues.
('ReadFromStorageKey', '
SELECT s.PayloadBinary AS PayloadBinary,
       s.Version       AS Version
  FROM OrleansStorage AS s
 WHERE s.GrainIdHash = @GrainIdHash
   AND s.GrainTypeHash = @GrainTypeHash
   AND s.GrainIdN0 = @GrainIdN0
   AND s.GrainIdN1 = @GrainIdN1
   AND s.ServiceId = @ServiceId
   AND s.GrainTypeString = @GrainTypeString
   AND s.GrainIdExtensionString = COALESCE(@GrainIdExtensionString, '''');
'),

-- At most one branch can act: without an ETag insert version 1 (nothing if a row already exists, i.e.
-- a concurrent activation won); with an ETag bump the version only if it still matches.
('WriteToStorageKey', '
WITH first_write AS (
    INSERT INTO OrleansStorage
           (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, ServiceId, GrainTypeString,
            GrainIdExtensionString, PayloadBinary, Version)
    SELECT @GrainIdHash, @GrainTypeHash, @GrainIdN0, @GrainIdN1, @ServiceId, @GrainTypeString,
           COALESCE(@GrainIdExtensionString, ''''), @PayloadBinary, 1
     WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING Version
), next_write AS (
    UPDATE OrleansStorage AS s
       SET PayloadBinary = @PayloadBinary,
           Version = s.Version + 1,
           ModifiedOn = now()
     WHERE @GrainStateVersion IS NOT NULL
       AND s.GrainIdHash = @GrainIdHash
       AND s.GrainTypeHash = @GrainTypeHash
       AND s.GrainIdN0 = @GrainIdN0
       AND s.GrainIdN1 = @GrainIdN1
       AND s.ServiceId = @ServiceId
       AND s.GrainTypeString = @GrainTypeString
       AND s.GrainIdExtensionString = COALESCE(@GrainIdExtensionString, '''')
       AND s.Version = @GrainStateVersion
    RETURNING s.Version
)
SELECT Version AS NewGrainStateVersion FROM first_write
UNION ALL
SELECT Version FROM next_write;
'),

-- Drops the payload, keeps the row and bumps the version so the next write is still checked.
('ClearStorageKey', '
UPDATE OrleansStorage AS s
   SET PayloadBinary = NULL,
       Version = s.Version + 1,
       ModifiedOn = now()
 WHERE s.GrainIdHash = @GrainIdHash
   AND s.GrainTypeHash = @GrainTypeHash
   AND s.GrainIdN0 = @GrainIdN0
   AND s.GrainIdN1 = @GrainIdN1
   AND s.ServiceId = @ServiceId
   AND s.GrainTypeString = @GrainTypeString
   AND s.GrainIdExtensionString = COALESCE(@GrainIdExtensionString, '''')
   AND s.Version = @GrainStateVersion
RETURNING s.Version AS NewGrainStateVersion;
'),

-- Only with DeleteStateOnClear = true. The provider drops the ETag afterwards and only needs a value
-- different from the one it sent to know the delete happened.
('DeleteStorageKey', '
DELETE FROM OrleansStorage AS s
 WHERE s.GrainIdHash = @GrainIdHash
   AND s.GrainTypeHash = @GrainTypeHash
   AND s.GrainIdN0 = @GrainIdN0
   AND s.GrainIdN1 = @GrainIdN1
   AND s.ServiceId = @ServiceId
   AND s.GrainTypeString = @GrainTypeString
   AND s.GrainIdExtensionString = COALESCE(@GrainIdExtensionString, '''')
   AND s.Version = @GrainStateVersion
RETURNING s.Version + 1 AS DeletedAtVersion;
');
