// Persists each status change of a host (and its history), and pushes it to browsers.
import { db } from "@/lib/db/client";
import { toHostSummary } from "@/lib/inventory/summaries";
import { publish } from "@/lib/live/bus";
import type { HostFacts } from "./host-facts";
import type { HostStatus } from "./host-link";

export async function saveHostStatus(
  hostId: string,
  status: HostStatus,
  error: string | null,
): Promise<void> {
  const now = new Date();
  // "Last seen" is the last moment the host answered: now while it is online, and the moment
  // it stops being online (kept from then on until it is back).
  const before = await db.host.findUnique({ where: { id: hostId }, select: { status: true } });
  const seen = status === "online" || before?.status === "online";
  const host = await db.host
    .update({
      where: { id: hostId },
      data: {
        status,
        lastError: error,
        statusChangedAt: now,
        ...(seen ? { lastSeenAt: now } : {}),
      },
    })
    .catch(() => null); // the host may have just been removed
  if (!host) return;
  await db.hostStatusEvent.create({ data: { hostId, status, error } });
  publish({ type: "host", host: toHostSummary(host) });
}

export async function saveHostFacts(hostId: string, facts: HostFacts): Promise<void> {
  await db.host.update({
    where: { id: hostId },
    data: { facts: JSON.stringify(facts), lastSeenAt: new Date() },
  });
}

export function parseHostFacts(json: string | null): HostFacts | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as HostFacts;
  } catch {
    return null;
  }
}
