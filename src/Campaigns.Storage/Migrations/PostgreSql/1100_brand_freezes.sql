-- Brand freezes: a row while a brand of the agency is frozen. Campaigns of the brand are paused by their grains;
-- pushes that no campaign owns (recurring schedules, standalone exchanges) are held while the row exists, and the
-- owner of such a push looks the row up before letting it publish.
CREATE TABLE brand_freezes (
    agency_id  TEXT NOT NULL,
    brand      TEXT NOT NULL,
    frozen_at  BIGINT NOT NULL,
    PRIMARY KEY (agency_id, brand)
);
