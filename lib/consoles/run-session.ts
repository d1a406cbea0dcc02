// One console session, from an accepted WebSocket to its end: resolve the VM on its live host,
// open the far end, audit the opening, bridge the bytes, and audit the closing with its reason.
import type { WebSocket } from "ws";
import { recordAudit } from "@/lib/audit/record";
import { toActionError } from "@/lib/errors";
import { vmOnHost } from "@/lib/vms/change-vm";
import { type BridgeStats, bridge } from "./bridge";
import { CLOSE, describeEnd, TAKEN_OVER } from "./close-codes";
import { isConsoleBusy, openConsoleTarget } from "./open-target";
import { holdSerial, markTakenOver, type SerialHolder } from "./serial-sessions";
import type { ConsoleGrant } from "./tickets";

const KEY = Symbol.for("virtdeck.console-sessions");
const EARLY_LIMIT = 64 * 1024;
const store = globalThis as unknown as Record<symbol, Set<() => void> | undefined>;

/** Open sessions' enders, for a clean shutdown. */
function sessions(): Set<() => void> {
  let set = store[KEY];
  if (!set) {
    set = new Set();
    store[KEY] = set;
  }
  return set;
}

export function closeAllConsoleSessions(): void {
  for (const stop of [...sessions()]) stop();
}

function summary(stats: BridgeStats, since: number): string {
  const seconds = Math.round((Date.now() - since) / 1000);
  return `${seconds} s, ${stats.toClient} bytes to the client, ${stats.toTarget} bytes to the VM`;
}

export async function runConsoleSession(socket: WebSocket, grant: ConsoleGrant): Promise<void> {
  const user = { userId: grant.userId, username: grant.username };
  const action = `console.${grant.type}`;
  let target = grant.vmId;
  // Bytes that arrive while the far end opens are kept (a client cannot tell when that is),
  // up to a small bound; control messages (pings) sent meanwhile are dropped.
  const early: Buffer[] = [];
  let earlyBytes = 0;
  const onEarly = (data: Buffer, isBinary: boolean) => {
    if (!isBinary) return;
    earlyBytes += data.length;
    if (earlyBytes > EARLY_LIMIT)
      socket.close(CLOSE.notReady, "Too much input before the console opened");
    else early.push(Buffer.from(data));
  };
  socket.on("message", onEarly);
  socket.on("error", () => {});
  // A serial console has one holder: a forced open marks the current one taken over first.
  const holder: SerialHolder = { takenOver: false, stop: null };
  const release = grant.type === "serial" ? holdSerial(grant.vmId, holder) : () => {};
  const takeover =
    grant.type === "serial" && grant.force ? markTakenOver(grant.vmId, holder) : null;
  let vm: Awaited<ReturnType<typeof vmOnHost>>;
  let stream: Awaited<ReturnType<typeof openConsoleTarget>>;
  try {
    vm = await vmOnHost(grant.vmId);
    target = vm.label;
    stream = await openConsoleTarget(vm.conn, vm.dom, grant.type, grant.force);
  } catch (error) {
    takeover?.undo();
    release();
    const busy = isConsoleBusy(error);
    const message = busy
      ? "Another client holds this serial console"
      : `Could not open the console: ${toActionError(error)}`;
    socket.close(
      busy ? CLOSE.busy : CLOSE.failed,
      Buffer.from(message).subarray(0, 123).toString(),
    );
    await recordAudit({
      user,
      action: `${action}.open`,
      target,
      outcome: "error",
      detail: message,
    });
    return;
  }
  socket.off("message", onEarly);
  if (socket.readyState !== socket.OPEN) {
    release();
    stream.destroy();
    return;
  }
  const since = Date.now();
  await recordAudit({
    user,
    action: `${action}.open`,
    target,
    outcome: "ok",
    detail: grant.force ? "took over the console" : undefined,
  });
  for (const chunk of early) stream.write(chunk);
  const { conn } = vm;
  const hostLost = () => stop(CLOSE.hostLost, "Lost the connection to the VM's host");
  const shutdown = () => stop(1001, "Virtdeck is shutting down");
  const stop = bridge(socket, stream, {
    stallLimitMs: grant.type === "serial" ? 15_000 : 60_000,
    describeTargetEnd: (error) => describeEnd(grant.type, error, conn.closed, holder.takenOver),
    onEnd: (code, reason, stats) => {
      release();
      sessions().delete(shutdown);
      conn.off("close", hostLost);
      void recordAudit({
        user,
        action: `${action}.close`,
        target,
        outcome: "ok",
        detail: `${reason} (code ${code}); ${summary(stats, since)}`,
      }).catch(() => {});
    },
  });
  holder.stop = stop;
  sessions().add(shutdown);
  conn.once("close", hostLost);
  // libvirt ends the previous holder's stream itself; whatever it did, that session is over.
  for (const other of takeover?.others ?? []) other.stop?.(CLOSE.takenOver, TAKEN_OVER);
}
