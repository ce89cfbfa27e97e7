-- A claim is a lease: the silo incarnation that claimed a publishing push (its address and generation) and when the
-- claim runs out unless that silo renews it. Both are NULL unless the push is publishing. A publishing row with no
-- holder was claimed before leases existed: recovery takes it back at once.
ALTER TABLE pushes ADD COLUMN lease_holder TEXT NULL;
ALTER TABLE pushes ADD COLUMN lease_expires_at BIGINT NULL;
