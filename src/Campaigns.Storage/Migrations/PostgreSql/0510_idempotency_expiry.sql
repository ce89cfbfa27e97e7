-- Idempotency keys are kept for a retention period, then purged by the sweeper.
CREATE INDEX ix_idempotency_created ON idempotency_keys (created_at);
