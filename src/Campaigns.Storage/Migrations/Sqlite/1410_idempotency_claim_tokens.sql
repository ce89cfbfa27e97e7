-- Each claim of an Idempotency-Key gets a fresh token; only the holder of the current token may complete or
-- release the key, so a request whose claim was taken over after the in-flight window cannot overwrite the answer.
ALTER TABLE idempotency_keys ADD COLUMN claim_token TEXT NULL;
