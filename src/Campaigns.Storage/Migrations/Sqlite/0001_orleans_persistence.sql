-- Orleans ADO.NET grain persistence for SQLite (invariant "System.Data.SQLite").
-- SQLite has no Orleans clustering or reminders; only the persistence contract lives here.
--
-- Contract recap (Orleans.Persistence.AdoNet 10.4.2):
--  * the provider loads WriteToStorageKey, ReadFromStorageKey, ClearStorageKey and, optionally,
--    DeleteStorageKey from OrleansQuery at silo start;
--  * a grain is identified by @ServiceId, @GrainTypeString and @GrainIdN0/@GrainIdN1/@GrainIdExtensionString;
--    @GrainIdHash and @GrainTypeHash are hashes of those, used here as the leading index columns;
--  * the ETag is the integer Version column. A write/clear/delete that returns no row, NULL, or the
--    version the caller already holds is reported as an InconsistentStateException, so a failed optimistic check
--    simply returns nothing.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);

-- A missing key extension is stored as '' rather than NULL: SQLite treats NULLs as distinct in UNIQUE
-- constraints, which would let a racing double activation insert two rows for one grain.
CREATE TABLE OrleansStorage
(
    GrainIdHash            INTEGER NOT NULL,
    GrainTypeHash          INTEGER NOT NULL,
    GrainIdN0              INTEGER NOT NULL,
    GrainIdN1              INTEGER NOT NULL,
    ServiceId              TEXT    NOT NULL,
    GrainTypeString        TEXT    NOT NULL,
    GrainIdExtensionString TEXT    NOT NULL DEFAULT '',
    PayloadBinary          BLOB    NULL,
    Version                INTEGER NOT NULL,
    ModifiedOn             TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    -- Hashes first: every provider query is then a seek on this one index.
    CONSTRAINT UX_OrleansStorage_Grain
        UNIQUE (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, ServiceId, GrainTypeString, GrainIdExtensionString)
);

-- Returns PayloadBinary and Version; no row means the grain was never written.
-- A cleared grain keeps its row (PayloadBinary NULL) so its version chain continues.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', '
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
');

-- Two statements, of which at most one can touch a row:
--  * no ETag yet  -> insert version 1, or nothing if a row already exists (a concurrent activation won);
--  * with an ETag -> bump the version only if it still equals the ETag the caller holds.
-- Each returns NewGrainStateVersion only when it changed something.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', '
INSERT INTO OrleansStorage
       (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, ServiceId, GrainTypeString,
        GrainIdExtensionString, PayloadBinary, Version, ModifiedOn)
SELECT @GrainIdHash, @GrainTypeHash, @GrainIdN0, @GrainIdN1, @ServiceId, @GrainTypeString,
       COALESCE(@GrainIdExtensionString, ''''), @PayloadBinary, 1, CURRENT_TIMESTAMP
 WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
RETURNING Version AS NewGrainStateVersion;

UPDATE OrleansStorage
   SET PayloadBinary = @PayloadBinary,
       Version = Version + 1,
       ModifiedOn = CURRENT_TIMESTAMP
 WHERE @GrainStateVersion IS NOT NULL
   AND GrainIdHash = @GrainIdHash
   AND GrainTypeHash = @GrainTypeHash
   AND GrainIdN0 = @GrainIdN0
   AND GrainIdN1 = @GrainIdN1
   AND ServiceId = @ServiceId
   AND GrainTypeString = @GrainTypeString
   AND GrainIdExtensionString = COALESCE(@GrainIdExtensionString, '''')
   AND Version = @GrainStateVersion
RETURNING Version AS NewGrainStateVersion;
');

-- Clearing drops the payload but keeps the row and bumps the version, so the next write
-- (carrying the returned ETag) is still checked optimistically.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', '
UPDATE OrleansStorage
   SET PayloadBinary = NULL,
       Version = Version + 1,
       ModifiedOn = CURRENT_TIMESTAMP
 WHERE GrainIdHash = @GrainIdHash
   AND GrainTypeHash = @GrainTypeHash
   AND GrainIdN0 = @GrainIdN0
   AND GrainIdN1 = @GrainIdN1
   AND ServiceId = @ServiceId
   AND GrainTypeString = @GrainTypeString
   AND GrainIdExtensionString = COALESCE(@GrainIdExtensionString, '''')
   AND Version = @GrainStateVersion
RETURNING Version AS NewGrainStateVersion;
');

-- Used only with DeleteStateOnClear = true. The provider forgets the ETag afterwards; it just needs a
-- value that differs from the ETag the caller held to know the delete happened.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteStorageKey', '
DELETE FROM OrleansStorage
 WHERE GrainIdHash = @GrainIdHash
   AND GrainTypeHash = @GrainTypeHash
   AND GrainIdN0 = @GrainIdN0
   AND GrainIdN1 = @GrainIdN1
   AND ServiceId = @ServiceId
   AND GrainTypeString = @GrainTypeString
   AND GrainIdExtensionString = COALESCE(@GrainIdExtensionString, '''')
   AND Version = @GrainStateVersion
RETURNING Version + 1 AS DeletedAtVersion;
');
