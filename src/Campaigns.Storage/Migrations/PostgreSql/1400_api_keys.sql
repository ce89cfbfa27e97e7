-- Several named, revocable API keys per agency. The one key each agency held so far (agencies.key_hash) becomes
-- its first key, named 'initial', with an id derived from the agency's; the agencies table keeps no key of its own.
CREATE TABLE api_keys (
    agency_id     TEXT   NOT NULL,
    id            TEXT   NOT NULL,
    name          TEXT   NOT NULL,
    key_hash      TEXT   NOT NULL UNIQUE,
    created_at    BIGINT NOT NULL,
    last_used_at  BIGINT NULL,
    PRIMARY KEY (agency_id, id)
);

INSERT INTO api_keys (agency_id, id, name, key_hash, created_at)
SELECT id, 'key_' || substr(id, 5), 'initial', key_hash, created_at FROM agencies;

ALTER TABLE agencies DROP COLUMN key_hash;
