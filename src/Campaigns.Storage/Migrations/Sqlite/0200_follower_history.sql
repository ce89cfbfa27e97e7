-- Follower history (SQLite): one row per snapshot. The primary key is the range index, so "one account's
-- snapshots between two instants" is a single index range scan however many accounts and years are stored.
CREATE TABLE follower_snapshots (
    agency_id   TEXT    NOT NULL,
    account_id  TEXT    NOT NULL,
    at_ms       INTEGER NOT NULL,
    count       INTEGER NOT NULL,
    PRIMARY KEY (agency_id, account_id, at_ms)
) WITHOUT ROWID;
