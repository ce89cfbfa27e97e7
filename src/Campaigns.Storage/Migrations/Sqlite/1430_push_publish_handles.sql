-- Publishing to a real platform: the correlation handle of the publish in flight (TikTok publish_id, YouTube upload
-- session, Instagram container, Douyin/Kuaishou upload and item ids), stored as JSON before the step that can create
-- the post, so a retry or a restart resolves from it instead of creating again. NULL until a platform hands one out.
ALTER TABLE pushes ADD COLUMN publish_handle TEXT NULL;
-- 1 while a due push waits for its account's credential (never connected, or the platform refused a refresh):
-- scheduled, but not claimed until connecting the account releases it. Independent of held (a paused campaign).
ALTER TABLE pushes ADD COLUMN awaiting_credential INTEGER NOT NULL DEFAULT 0;
