// The lab's two hosts stored for migrations: host 2's daemon is the peer-to-peer target (it
// listens on TCP), host 1's is not (migrations to it are driven through Virtdeck's connections);
// each has its migration data address. And both started as the server starts them.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { labEnv } from "../../support/lab-env";
import { waitFor } from "../../support/virsh";

export async function storeMigrationHosts(db: PrismaClient, lab: ReturnType<typeof labEnv>) {
  const h1 = await db.host.create({
    data: { name: "lab1", uri: lab.LAB_URI, migrationAddress: `tcp://${lab.LAB_HOST1_ADDR}` },
  });
  const h2 = await db.host.create({
    data: {
      name: "lab2",
      uri: lab.LAB_HOST2_URI,
      migrationUri: lab.LAB_HOST2_TCP_URI,
      migrationAddress: lab.LAB_HOST2_MIGRATE_URI,
    },
  });
  return { h1, h2 };
}

/**
 * Both lab hosts as the server runs them (each host's inventory synced and followed, its status
 * stored), stored for migrations, plus an admin to act as. Resolves once both are online. Lib
 * modules load here, after the test's fresh store has set the environment.
 */
export async function startMigrationHosts(db: PrismaClient, lab: ReturnType<typeof labEnv>) {
  const { ConnectionManager, installConnectionManager } = await import(
    "@/lib/hosts/connection-manager"
  );
  const { hostTarget } = await import("@/lib/hosts/start");
  const { saveHostStatus } = await import("@/lib/hosts/host-status");
  const { fullSync, subscribeHostEvents } = await import("@/lib/inventory/sync-host");
  const { createAdmin } = await import("../../support/actors");
  const manager = new ConnectionManager({
    async onOnline(hostId, conn) {
      await subscribeHostEvents(hostId, conn);
      await fullSync(hostId, conn);
    },
    // As the server does: an evacuation's candidates are the hosts stored as online.
    onStatus: (hostId, status, error) => void saveHostStatus(hostId, status, error),
  });
  installConnectionManager(manager);
  const admin = await createAdmin();
  const { h1, h2 } = await storeMigrationHosts(db, lab);
  manager.add(hostTarget(h1));
  manager.add(hostTarget(h2));
  await waitFor(
    "both lab hosts online",
    async () =>
      manager.status(h1.id)?.status === "online" &&
      manager.status(h2.id)?.status === "online" &&
      (await db.host.count({ where: { status: "online" } })) === 2
        ? true
        : undefined,
    30_000,
  );
  return { manager, admin, host1: h1.id, host2: h2.id };
}
