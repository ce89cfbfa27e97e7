-- Cumulative views over time per campaign and wave, kept as the increase each second brought, so a report's
-- "views over time" reads a few thousand rows instead of every snapshot of every push. Written with each snapshot
-- that becomes its push's latest (its views minus the previous latest's), in the same transaction.
CREATE TABLE campaign_views (
    agency_id    TEXT NOT NULL,
    campaign_id  TEXT NOT NULL,
    wave         INTEGER NOT NULL,
    at_second    INTEGER NOT NULL,
    views        INTEGER NOT NULL,
    PRIMARY KEY (agency_id, campaign_id, wave, at_second)
);

-- The history recorded before this table: each snapshot's views minus the same push's previous snapshot's.
INSERT INTO campaign_views (agency_id, campaign_id, wave, at_second, views)
SELECT x.agency_id, x.campaign_id, x.wave, x.at_second, SUM(x.increase)
FROM (
    SELECT p.agency_id, p.campaign_id, p.wave, m.at / 1000 AS at_second,
        m.views - COALESCE(LAG(m.views) OVER (PARTITION BY m.agency_id, m.push_id ORDER BY m.at), 0) AS increase
    FROM push_metrics m JOIN pushes p ON p.agency_id = m.agency_id AND p.id = m.push_id) x
GROUP BY x.agency_id, x.campaign_id, x.wave, x.at_second;
