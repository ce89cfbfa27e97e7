-- Follower history (PostgreSQL): one row per snapshot. The primary key is the range index, so "one account's
-- snapshots between two instants" is a single index range scan however many accounts and years are stored.
CREATE TABLE follower_snapshots (
    agency_id   TEXT   NOT NULL,
    account_id  TEXT   NOT NULL,
    at_ms       BIGINT NOT NULL,
    count       BIGINT NOT NULL,
    PRIMARY KEY (agency_id, account_id, at_ms)
);
