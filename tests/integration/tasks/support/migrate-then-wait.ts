// A stand-in for a Virtdeck server that dies during a migration: it opens the test's store and
// hosts, starts the migration as the server would (through the operation wrapper), prints the
// task id once the job moves, and waits to be killed. Run by restart.test.ts.
//   node --import tsx migrate-then-wait.ts DATA_DIR VM_ID TARGET_HOST_ID USER_ID

const [dataDir, vmId, target, userId] = process.argv.slice(2);
process.env.VIRTDECK_DATA_DIR = dataDir;
delete process.env.DATABASE_URL;
const { db } = await import("../../../../lib/db/client");
const { ConnectionManager, installConnectionManager } = await import(
  "../../../../lib/hosts/connection-manager"
);
const { hostTarget } = await import("../../../../lib/hosts/start");
const { invoke } = await import("../../../../lib/access/invoke");
const { migrateVmOp } = await import("../../../../lib/migration/operations");

const manager = new ConnectionManager({ async onOnline() {}, onStatus() {} });
installConnectionManager(manager);
for (const h of await db.host.findMany()) manager.add(hostTarget(h));
const deadline = Date.now() + 20_000;
while ((await db.host.findMany()).some((h) => manager.status(h.id)?.status !== "online")) {
  if (Date.now() > deadline) throw new Error("hosts did not come online");
  await new Promise((r) => setTimeout(r, 100));
}
const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
const caller = {
  sessionId: "restart-test",
  tokenId: null,
  userId: user.id,
  username: user.username,
  mustChangePassword: false,
  mustEnrolSecondFactor: false,
  expiresAt: new Date(Date.now() + 3_600_000),
};
const task = await invoke(migrateVmOp, { user: caller }, { id: vmId, target, bandwidthMib: 4 });
for (;;) {
  const row = await db.task.findUniqueOrThrow({ where: { id: task.id } });
  if ((row.done ?? 0) > 0) break;
  await new Promise((r) => setTimeout(r, 100));
}
console.info(JSON.stringify({ task: task.id }));
setInterval(() => undefined, 1000);

export {};
