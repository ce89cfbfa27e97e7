-- The durable ledger reconciliation looks for pending legs across agencies once a minute: index them by state first.
CREATE INDEX ix_exchange_legs_pending ON exchange_legs (state, agency_id);
