-- Query side of Campaigns (SQLite). Instants are Unix milliseconds so the same SQL runs on both providers.
CREATE TABLE agencies (
    id          TEXT    NOT NULL PRIMARY KEY,
    name        TEXT    NOT NULL,
    key_hash    TEXT    NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL
);

CREATE TABLE idempotency_keys (
    scope         TEXT    NOT NULL,
    key           TEXT    NOT NULL,
    request_hash  TEXT    NOT NULL,
    status_code   INTEGER NULL,
    content_type  TEXT    NULL,
    location      TEXT    NULL,
    body          BLOB    NULL,
    created_at    INTEGER NOT NULL,
    completed_at  INTEGER NULL,
    PRIMARY KEY (scope, key)
);

CREATE TABLE accounts (
    agency_id   TEXT    NOT NULL,
    id          TEXT    NOT NULL,
    platform    TEXT    NOT NULL,
    handle_key  TEXT    NOT NULL,
    brand       TEXT    NULL,
    kind        TEXT    NOT NULL,
    status      TEXT    NOT NULL,
    followers   INTEGER NOT NULL,
    version     INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    document    TEXT    NOT NULL,
    PRIMARY KEY (agency_id, id)
);
CREATE UNIQUE INDEX ux_accounts_handle ON accounts (agency_id, platform, handle_key);
CREATE INDEX ix_accounts_brand ON accounts (agency_id, brand, id);
CREATE INDEX ix_accounts_platform ON accounts (agency_id, platform, id);

CREATE TABLE account_tags (
    agency_id   TEXT NOT NULL,
    account_id  TEXT NOT NULL,
    tag         TEXT NOT NULL,
    weight      REAL NOT NULL,
    PRIMARY KEY (agency_id, account_id, tag)
);
CREATE INDEX ix_account_tags_tag ON account_tags (agency_id, tag, account_id);
