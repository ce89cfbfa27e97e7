-- Every call that reaches the sandbox's create step, counted, de-duplicated or not: "created" says whether a post
-- exists (it never exceeds 1), "creates" how often one was asked for. A platform without idempotency keys would have
-- made a post for each, so a test of exactly-once checks creates = 1.
ALTER TABLE sandbox_posts ADD COLUMN creates BIGINT NOT NULL DEFAULT 0;
UPDATE sandbox_posts SET creates = created;
