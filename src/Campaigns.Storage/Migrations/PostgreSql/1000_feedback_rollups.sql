-- The sandbox feed pages through the posts published within its horizon, across agencies, in publish order.
CREATE INDEX ix_sandbox_posts_published ON sandbox_posts (published_at, idempotency_key);
