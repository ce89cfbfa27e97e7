-- Pulling engagement and followers back from the real platforms on a durable schedule, shared by every silo.
-- pushes.metrics_poll_at: when the platform poller next asks for a published push's metrics (Unix ms); NULL until the
-- poller has looked at a newly published push, -1 when it never asks (not on a platform connector, no post id, past
-- its 30 days). Two partial indexes keep both of the poller's reads small whatever the number of old pushes.
ALTER TABLE pushes ADD COLUMN metrics_poll_at INTEGER NULL;
CREATE INDEX ix_pushes_metrics_unscheduled ON pushes (agency_id, id) WHERE status = 'published' AND metrics_poll_at IS NULL;
CREATE INDEX ix_pushes_metrics_poll ON pushes (metrics_poll_at, agency_id, id) WHERE metrics_poll_at > 0;
-- accounts.followers_polled_at: when the poller last asked the platform for the account's followers (or found it could
-- not: not connected, needs re-authorization); NULL until the first time. Only accounts on a platform connector.
ALTER TABLE accounts ADD COLUMN followers_polled_at INTEGER NULL;
CREATE INDEX ix_accounts_followers_poll ON accounts (agency_id, id) WHERE credential_status IS NOT NULL;
