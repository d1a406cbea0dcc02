// Virtdeck's one server process: Next's request handler plus the WebSocket routes under /ws/.
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import path from "node:path";
import next from "next";
import { bootstrapAdmin } from "@/lib/auth/bootstrap-admin";
import { closeAllConsoleSessions } from "@/lib/consoles/run-session";
import { closeDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { env, sqlitePath } from "@/lib/env";
import { describeForLog } from "@/lib/errors";
import { startHostConnections } from "@/lib/hosts/start";
import { startMetrics } from "@/lib/metrics/start";
import { TASK_FOLLOWERS } from "@/lib/migration/follow";
import { resealLegacySecrets } from "@/lib/secrets/reseal";
import {
  hostRefusal,
  isAllowedHost,
  setSecurityHeaders,
  stampClient,
} from "@/lib/server/http-guard";
import { announceAdmin, log } from "@/lib/server/log";
import { refuseUndecodablePath } from "@/lib/server/undecodable-path";
import { recoverTasks } from "@/lib/tasks/run-task";
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
  const resealed = await resealLegacySecrets();
  if (resealed > 0) log(`sealed ${resealed} stored SSH key(s) again with the derived key`);
  const tasks = await recoverTasks(TASK_FOLLOWERS);
  if (tasks.interrupted + tasks.followed > 0)
    log(
      `tasks left running before this start: ${tasks.interrupted} interrupted, ${tasks.followed} followed again`,
    );
  const hosts = await startHostConnections();
  const metrics = startMetrics(hosts, env.VIRTDECK_METRICS_INTERVAL);

  const app = next({ dev, hostname: env.HOST, port: env.PORT });
  await app.prepare();
  const handleRequest = app.getRequestHandler();
  const handleNextUpgrade = app.getUpgradeHandler();
  const ws = createWsRouter({ "/ws/events": handleEventsSocket, [CONSOLE_ROUTE]: consoleRoute });

  const tls =
    env.VIRTDECK_TLS_CERT && env.VIRTDECK_TLS_KEY
      ? { cert: readFileSync(env.VIRTDECK_TLS_CERT), key: readFileSync(env.VIRTDECK_TLS_KEY) }
      : null;
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    if (!isAllowedHost(req.headers.host)) {
      res.writeHead(421, { "Content-Type": "text/plain; charset=utf-8" });
      res.end(`${hostRefusal(req.headers.host)}\n`);
      return;
    }
    stampClient(req);
    setSecurityHeaders(req, res);
    if (!refuseUndecodablePath(req, res)) void handleRequest(req, res);
  };
  const server = tls ? createHttpsServer(tls, onRequest) : createServer(onRequest);
  server.on("upgrade", (req, socket, head) => {
    if (!isAllowedHost(req.headers.host)) {
      socket.end(`HTTP/1.1 421 Misdirected Request\r\nConnection: close\r\n\r\n`);
      return;
    }
    stampClient(req);
    if (req.url?.startsWith("/ws/")) void ws.handleUpgrade(req, socket, head);
    else void handleNextUpgrade(req, socket, head); // dev-mode hot reload
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(env.PORT, env.HOST, resolve);
  });
  log(
    `Virtdeck listening on ${tls ? "https" : "http"}://${env.HOST.includes(":") ? `[${env.HOST}]` : env.HOST}:${env.PORT}`,
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
    metrics.stop();
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
  console.error(describeForLog(error));
  process.exit(1);
});
