-- Connecting accounts to real platforms (PostgreSQL).
-- One row per connect attempt. Only a SHA-256 hash of the state is kept: the state itself travels in the authorize URL
-- and comes back on the callback, and a copy of this table must not let anyone complete someone else's attempt. The
-- PKCE verifier (YouTube) is encrypted by the vault. A callback burns its row with one conditional UPDATE (used_at set
-- only while still null and unexpired), so a replay or a second concurrent use changes nothing.
CREATE TABLE oauth_states (
    state_hash      TEXT    NOT NULL PRIMARY KEY,
    agency_id       TEXT    NOT NULL,
    account_id      TEXT    NOT NULL,
    connector_type  TEXT    NOT NULL,
    code_verifier   TEXT    NULL,
    created_at      BIGINT  NOT NULL,
    expires_at      BIGINT  NOT NULL,
    used_at         BIGINT  NULL
);
CREATE INDEX ix_oauth_states_expires ON oauth_states (expires_at);

-- The credential status beside the account's row, so GET /v1/accounts?credential=needs-reauth is one indexed read.
-- Null for the sandbox and webhook connectors (no credential); accounts written before this migration used only those.
ALTER TABLE accounts ADD COLUMN credential_status TEXT NULL;
CREATE INDEX ix_accounts_credential ON accounts (agency_id, credential_status, id);
