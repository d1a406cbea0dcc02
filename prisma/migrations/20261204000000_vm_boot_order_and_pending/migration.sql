-- The boot order a VM has and the changes saved for its next boot (pending until it restarts).
-- bootOrder stays NULL until the domain's XML is read again, which the next full sync does.
ALTER TABLE "Vm" ADD COLUMN "bootOrder" TEXT;
ALTER TABLE "Vm" ADD COLUMN "pending" TEXT NOT NULL DEFAULT '[]';
