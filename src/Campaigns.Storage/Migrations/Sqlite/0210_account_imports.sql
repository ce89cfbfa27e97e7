-- Accounts written by a bulk import straight into the read model (SQLite). A row here marks the read-model
-- document as the account's authoritative state until its grain persists a state of its own, and carries the
-- webhook secret, which never goes into the document. The grain adopts both on activation and deletes the row
-- after its first write.
CREATE TABLE account_imports (
    agency_id         TEXT    NOT NULL,
    account_id        TEXT    NOT NULL,
    connector_secret  TEXT    NULL,
    imported_at       INTEGER NOT NULL,
    PRIMARY KEY (agency_id, account_id)
);
