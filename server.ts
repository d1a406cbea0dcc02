// Virtdeck's one server process: Next's request handler plus the WebSocket routes under /ws/.
import { createServer } from "node:http";
import path from "node:path";
import next from "next";
import { bootstrapAdmin } from "@/lib/auth/bootstrap-admin";
import { closeAllConsoleSessions } from "@/lib/consoles/run-session";
import { closeDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { env, sqlitePath } from "@/lib/env";
import { startHostConnections } from "@/lib/hosts/start";
import { announceAdmin, log } from "@/lib/server/log";
import { refuseUndecodablePath } from "@/lib/server/undecodable-path";
import { CONSOLE_ROUTE, consoleRoute } from "@/lib/ws/console-route";
import { handleEventsSocket } from "@/lib/ws/events-route";
import { createWsRouter } from "@/lib/ws/router";

async function main(): Promise<void> {
  const dev = process.argv.includes("--dev");
  const { applied } = migrate(
    sqlitePath(env.DATABASE_URL),
    path.join(process.cwd(), "prisma/migrations"),
  );
  if (applied.length > 0) log(`applied migrations: ${applied.join(", ")}`);
  announceAdmin(await bootstrapAdmin());
  const hosts = await startHostConnections();

  const app = next({ dev, hostname: env.HOST, port: env.PORT });
  await app.prepare();
  const handleRequest = app.getRequestHandler();
  const handleNextUpgrade = app.getUpgradeHandler();
  const ws = createWsRouter({ "/ws/events": handleEventsSocket, [CONSOLE_ROUTE]: consoleRoute });

  const server = createServer((req, res) => {
    if (!refuseUndecodablePath(req, res)) void handleRequest(req, res);
  });
  server.on("upgrade", (req, socket, head) => {
    if (req.url?.startsWith("/ws/")) void ws.handleUpgrade(req, socket, head);
    else void handleNextUpgrade(req, socket, head); // dev-mode hot reload
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(env.PORT, env.HOST, resolve);
  });
  log(
    `Virtdeck listening on http://${env.HOST.includes(":") ? `[${env.HOST}]` : env.HOST}:${env.PORT}`,
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: shutting down`);
    const forced = setTimeout(() => process.exit(1), 10_000);
    forced.unref();
    closeAllConsoleSessions();
    await ws.closeAll();
    await hosts.stopAll();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await app.close?.();
    await closeDb();
    log("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
