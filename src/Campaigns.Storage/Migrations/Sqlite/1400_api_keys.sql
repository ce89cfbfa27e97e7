-- Several named, revocable API keys per agency. The one key each agency held so far (agencies.key_hash) becomes
-- its first key, named 'initial', with an id derived from the agency's; the agencies table keeps no key of its own.
CREATE TABLE api_keys (
    agency_id     TEXT    NOT NULL,
    id            TEXT    NOT NULL,
    name          TEXT    NOT NULL,
    key_hash      TEXT    NOT NULL UNIQUE,
    created_at    INTEGER NOT NULL,
    last_used_at  INTEGER NULL,
    PRIMARY KEY (agency_id, id)
);

INSERT INTO api_keys (agency_id, id, name, key_hash, created_at)
SELECT id, 'key_' || substr(id, 5), 'initial', key_hash, created_at FROM agencies;

-- SQLite cannot drop a UNIQUE column in place: the table is rebuilt without it.
CREATE TABLE agencies_rebuilt (
    id          TEXT    NOT NULL PRIMARY KEY,
    name        TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
);
INSERT INTO agencies_rebuilt (id, name, created_at) SELECT id, name, created_at FROM agencies;
DROP TABLE agencies;
ALTER TABLE agencies_rebuilt RENAME TO agencies;
