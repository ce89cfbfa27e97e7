-- The sandbox platform's posts: one row per idempotency key, written by the sandbox connector.
-- A row is made when a publish with the key is first received (attempts counts every one received);
-- the post itself is created at most once, by "UPDATE ... WHERE created = 0", so created never exceeds 1
-- and platform_post_id / published_at stay NULL until then. Instants are Unix milliseconds.
CREATE TABLE sandbox_posts (
    idempotency_key   TEXT    NOT NULL PRIMARY KEY,
    platform_post_id  TEXT    NULL UNIQUE,
    agency_id         TEXT    NOT NULL,
    account_id        TEXT    NOT NULL,
    push_id           TEXT    NOT NULL,
    video_id          TEXT    NOT NULL,
    platform          TEXT    NOT NULL,
    followers         INTEGER NOT NULL,
    published_at      INTEGER NULL,
    attempts          INTEGER NOT NULL,
    created           INTEGER NOT NULL
);
CREATE INDEX ix_sandbox_posts_agency ON sandbox_posts (agency_id, account_id, published_at);
