-- The webhook secret beside the account's read-model row, so that a platform callback is verified from storage
-- before any grain is woken (a forged callback must cost one indexed read, not an activation). Only the lookup by
-- account id reads it; the queries that list accounts select the document, which never holds the secret.
ALTER TABLE accounts ADD COLUMN connector_secret TEXT NULL;

-- Imported accounts not yet adopted by their grain keep their secret in the import marker: copy it now. Accounts
-- whose grain wrote them before this migration get theirs with their next change.
UPDATE accounts a
SET connector_secret = i.connector_secret
FROM account_imports i
WHERE i.agency_id = a.agency_id AND i.account_id = a.id;
