-- Automation rules: one row per rule and push once the rule has decided for that push. The primary key is the
-- "at most once": a firing is claimed by inserting its row (state 'firing'), completed by moving it to 'fired'
-- together with its timeline event; 'passed' records an atMost rule judged after its window and not met.
CREATE TABLE rule_firings (
    agency_id    TEXT NOT NULL,
    campaign_id  TEXT NOT NULL,
    rule_index   INTEGER NOT NULL,
    push_id      TEXT NOT NULL,
    state        TEXT NOT NULL,
    value        DOUBLE PRECISION NULL,
    decided_at   BIGINT NOT NULL,
    added        INTEGER NOT NULL DEFAULT 0,
    cancelled    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (agency_id, campaign_id, rule_index, push_id)
);
CREATE INDEX ix_rule_firings_state ON rule_firings (agency_id, campaign_id, state);
