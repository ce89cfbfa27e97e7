-- The campaigns of each brand, as the brand grain knows them: a campaign is registered before it is created, so a
-- freeze finds every campaign of its brand without reading the campaigns read model (which is written after the
-- campaign's own state and may lag). Campaigns made before this table existed are copied from that read model once.
-- brand_freezes (1100) is no longer written: the brand grain's state records a freeze, and reads a row there only
-- the first time it activates, to take over a freeze made by an earlier version.
CREATE TABLE brand_campaigns (
    agency_id    TEXT NOT NULL,
    brand        TEXT NOT NULL,
    campaign_id  TEXT NOT NULL,
    PRIMARY KEY (agency_id, brand, campaign_id)
);

INSERT INTO brand_campaigns (agency_id, brand, campaign_id)
SELECT agency_id, brand, id FROM campaigns
WHERE brand IS NOT NULL AND brand <> '' AND status NOT IN ('completed', 'cancelled');
