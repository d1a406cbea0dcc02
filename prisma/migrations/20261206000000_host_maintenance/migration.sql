-- A host in maintenance gets no new VMs (created, cloned or migrated there).
ALTER TABLE "Host" ADD COLUMN "maintenance" BOOLEAN NOT NULL DEFAULT false;
