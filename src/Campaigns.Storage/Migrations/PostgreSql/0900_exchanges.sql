-- Resource exchanges and the credit ledger. An exchange is written once, together with its two pushes and their
-- pending credits (one leg per push), in one transaction. A leg settles into two ledger entries (the host earns, the
-- content owner pays) when its push publishes, or is released when its push fails, is skipped or cancelled.
CREATE TABLE exchanges (
    agency_id    TEXT NOT NULL,
    id           TEXT NOT NULL,
    campaign_id  TEXT NULL,
    account_a    TEXT NOT NULL,
    account_b    TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    document     TEXT NOT NULL,
    PRIMARY KEY (agency_id, id)
);
CREATE INDEX ix_exchanges_account_a ON exchanges (agency_id, account_a, id);
CREATE INDEX ix_exchanges_account_b ON exchanges (agency_id, account_b, id);
CREATE INDEX ix_exchanges_campaign ON exchanges (agency_id, campaign_id, id);

CREATE TABLE exchange_legs (
    agency_id         TEXT NOT NULL,
    push_id           TEXT NOT NULL,
    exchange_id       TEXT NOT NULL,
    host_account_id   TEXT NOT NULL,
    owner_account_id  TEXT NOT NULL,
    credits           BIGINT NOT NULL,
    state             TEXT NOT NULL,
    updated_at        BIGINT NOT NULL,
    PRIMARY KEY (agency_id, push_id)
);
CREATE INDEX ix_exchange_legs_host ON exchange_legs (agency_id, host_account_id, state);
CREATE INDEX ix_exchange_legs_owner ON exchange_legs (agency_id, owner_account_id, state);
CREATE INDEX ix_exchange_legs_exchange ON exchange_legs (agency_id, exchange_id);
CREATE INDEX ix_exchange_legs_state ON exchange_legs (agency_id, state);

-- One entry per account per push: settling a push again writes nothing twice.
CREATE TABLE ledger_entries (
    agency_id        TEXT NOT NULL,
    account_id       TEXT NOT NULL,
    push_id          TEXT NOT NULL,
    id               TEXT NOT NULL,
    exchange_id      TEXT NOT NULL,
    amount           BIGINT NOT NULL,
    counterparty_id  TEXT NOT NULL,
    reason           TEXT NOT NULL,
    at               BIGINT NOT NULL,
    PRIMARY KEY (agency_id, account_id, push_id)
);
CREATE UNIQUE INDEX ix_ledger_entries_id ON ledger_entries (agency_id, account_id, id);
