-- Campaigns, their pushes and their timelines. Pushes live only here: the table is both their durable state and
-- their query side, so launching 10,000 pushes is one transaction, not 10,000 grain writes.
CREATE TABLE campaigns (
    agency_id   TEXT NOT NULL,
    id          TEXT NOT NULL,
    brand       TEXT NULL,
    status      TEXT NOT NULL,
    version     BIGINT NOT NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    document    TEXT NOT NULL,
    PRIMARY KEY (agency_id, id)
);
CREATE INDEX ix_campaigns_brand ON campaigns (agency_id, brand, status);

CREATE TABLE pushes (
    agency_id        TEXT NOT NULL,
    id               TEXT NOT NULL,
    campaign_id      TEXT NOT NULL,
    account_id       TEXT NOT NULL,
    video_id         TEXT NOT NULL,
    platform         TEXT NOT NULL,
    brand            TEXT NULL,
    wave             INTEGER NOT NULL,
    caption          TEXT NULL,
    hashtags         TEXT NOT NULL,
    scheduled_at     BIGINT NOT NULL,
    due_at           BIGINT NOT NULL,
    status           TEXT NOT NULL,
    held             INTEGER NOT NULL,
    attempts         INTEGER NOT NULL,
    last_error       TEXT NULL,
    platform_post_id TEXT NULL,
    fired_at         BIGINT NULL,
    published_at     BIGINT NULL,
    updated_at       BIGINT NOT NULL,
    PRIMARY KEY (agency_id, id)
);
CREATE INDEX ix_pushes_due ON pushes (status, due_at);
CREATE INDEX ix_pushes_campaign ON pushes (agency_id, campaign_id, status, id);
CREATE INDEX ix_pushes_account ON pushes (agency_id, account_id, scheduled_at);

CREATE TABLE campaign_events (
    agency_id    TEXT NOT NULL,
    campaign_id  TEXT NOT NULL,
    id           TEXT NOT NULL,
    at           BIGINT NOT NULL,
    type         TEXT NOT NULL,
    detail       TEXT NOT NULL,
    PRIMARY KEY (agency_id, campaign_id, id)
);
