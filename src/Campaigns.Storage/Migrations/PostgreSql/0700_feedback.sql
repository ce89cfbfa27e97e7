-- Engagement feedback: every cumulative snapshot of a push, and the latest one beside the push for roll-ups.
-- GMV is kept in ten-thousandths of the currency unit so sums are exact on both engines.
CREATE TABLE push_metrics (
    agency_id    TEXT NOT NULL,
    push_id      TEXT NOT NULL,
    at           BIGINT NOT NULL,
    views        BIGINT NOT NULL,
    likes        BIGINT NOT NULL,
    comments     BIGINT NOT NULL,
    shares       BIGINT NOT NULL,
    clicks       BIGINT NOT NULL,
    orders       BIGINT NOT NULL,
    gmv          BIGINT NOT NULL,
    received_at  BIGINT NOT NULL,
    PRIMARY KEY (agency_id, push_id, at)
);
ALTER TABLE pushes ADD COLUMN metrics_at BIGINT NULL;
ALTER TABLE pushes ADD COLUMN views BIGINT NOT NULL DEFAULT 0;
ALTER TABLE pushes ADD COLUMN likes BIGINT NOT NULL DEFAULT 0;
ALTER TABLE pushes ADD COLUMN comments BIGINT NOT NULL DEFAULT 0;
ALTER TABLE pushes ADD COLUMN shares BIGINT NOT NULL DEFAULT 0;
ALTER TABLE pushes ADD COLUMN clicks BIGINT NOT NULL DEFAULT 0;
ALTER TABLE pushes ADD COLUMN orders BIGINT NOT NULL DEFAULT 0;
ALTER TABLE pushes ADD COLUMN gmv BIGINT NOT NULL DEFAULT 0;
CREATE INDEX ix_pushes_video ON pushes (agency_id, video_id);
