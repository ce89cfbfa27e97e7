-- Engagement feedback: every cumulative snapshot of a push, and the latest one beside the push for roll-ups.
-- GMV is kept in ten-thousandths of the currency unit so sums are exact on both engines.
CREATE TABLE push_metrics (
    agency_id    TEXT NOT NULL,
    push_id      TEXT NOT NULL,
    at           INTEGER NOT NULL,
    views        INTEGER NOT NULL,
    likes        INTEGER NOT NULL,
    comments     INTEGER NOT NULL,
    shares       INTEGER NOT NULL,
    clicks       INTEGER NOT NULL,
    orders       INTEGER NOT NULL,
    gmv          INTEGER NOT NULL,
    received_at  INTEGER NOT NULL,
    PRIMARY KEY (agency_id, push_id, at)
);
ALTER TABLE pushes ADD COLUMN metrics_at INTEGER NULL;
ALTER TABLE pushes ADD COLUMN views INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pushes ADD COLUMN likes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pushes ADD COLUMN comments INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pushes ADD COLUMN shares INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pushes ADD COLUMN clicks INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pushes ADD COLUMN orders INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pushes ADD COLUMN gmv INTEGER NOT NULL DEFAULT 0;
CREATE INDEX ix_pushes_video ON pushes (agency_id, video_id);
