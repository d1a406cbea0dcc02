// The lab's two hosts stored for migrations: host 2's daemon is the peer-to-peer target (it
// listens on TCP), host 1's is not (migrations to it are driven through Virtdeck's connections);
// each has its migration data address.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { labEnv } from "../../support/lab-env";

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
