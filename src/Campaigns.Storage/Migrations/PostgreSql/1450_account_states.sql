-- The account grain's own state (PostgreSql), kept by the application rather than by Orleans' grain storage, so that
-- creating an account writes its read-model row, tags, first follower point and this state in ONE transaction.
-- document: the account snapshot (the same JSON as accounts.document when it was written); connector_secret and
-- tokens: vault-protected; unprojected: 1 while the read-model row may lag behind this state; etag: bumped by every
-- write, which is conditional on the etag the writer read (two activations of one account cannot both write).
-- Accounts created before this table keep their state in OrleansStorage until their next write moves it here.
CREATE TABLE account_states (
    agency_id         TEXT    NOT NULL,
    id                TEXT    NOT NULL,
    document          TEXT    NOT NULL,
    connector_secret  TEXT    NULL,
    tokens            TEXT    NULL,
    unprojected       INTEGER NOT NULL,
    etag              BIGINT  NOT NULL,
    PRIMARY KEY (agency_id, id)
);
