-- The ASP.NET Core Data Protection key ring (SQLite). The keys that encrypt platform tokens and webhook secrets at
-- rest live in the same database as the secrets' owners, so every silo reads one ring. A key's XML is itself
-- encrypted when an operator certificate is configured (Campaigns:Vault:CertificatePath).
CREATE TABLE vault_keys (
    name        TEXT    NOT NULL PRIMARY KEY,
    xml         TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
);
