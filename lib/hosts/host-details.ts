// What the host page shows, read from the database only (never a live call): the stored facts,
// VM counts by state, the status history and the key fingerprints.
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { type HostSummary, toHostSummary } from "@/lib/inventory/summaries";
import type { HostFacts } from "./host-facts";
import { parseHostFacts } from "./host-status";
import { hostKeyFingerprint } from "./ssh-key";

export interface HostDetails extends HostSummary {
  sshUser: string | null;
  sshHostKey: string | null;
  sshHostKeyFingerprint: string | null;
  keyFingerprint: string | null;
  facts: HostFacts | null;
  /** How other hosts reach this one for migrations (lib/migration). */
  migrationUri: string | null;
  migrationAddress: string | null;
  vmCounts: Record<string, number>;
  history: { at: string; status: string; error: string | null }[];
}

type VmVisibility = (vm: { hostId: string; uuid: string }) => boolean;

/**
 * VM counts by state (virsh's words) per host, of the VMs the caller may see; VMs that
 * disappeared are not counted.
 */
export async function vmCountsByHost(
  visible: VmVisibility,
  hostId?: string,
): Promise<Map<string, Record<string, number>>> {
  const rows = await db.vm.findMany({
    where: { goneAt: null, ...(hostId ? { hostId } : {}) },
    select: { hostId: true, uuid: true, state: true },
  });
  const out = new Map<string, Record<string, number>>();
  for (const row of rows) {
    if (!visible(row)) continue;
    const counts = out.get(row.hostId) ?? {};
    counts[row.state] = (counts[row.state] ?? 0) + 1;
    out.set(row.hostId, counts);
  }
  return out;
}

export async function getHostDetails(
  id: string,
  visible: VmVisibility,
  historyLimit = 20,
): Promise<HostDetails> {
  const host = await db.host.findUnique({
    where: { id },
    include: {
      sshKey: { select: { fingerprint: true } },
      statusEvents: { orderBy: { at: "desc" }, take: historyLimit },
    },
  });
  if (!host) throw new AppError("not_found", "That host no longer exists");
  const counts = (await vmCountsByHost(visible, id)).get(id) ?? {};
  return {
    ...toHostSummary(host),
    sshUser: host.sshUser,
    sshHostKey: host.sshHostKey,
    sshHostKeyFingerprint: host.sshHostKey ? hostKeyFingerprint(host.sshHostKey) : null,
    keyFingerprint: host.sshKey?.fingerprint ?? null,
    facts: parseHostFacts(host.facts),
    migrationUri: host.migrationUri,
    migrationAddress: host.migrationAddress,
    vmCounts: counts,
    history: host.statusEvents.map((e) => ({
      at: e.at.toISOString(),
      status: e.status,
      error: e.error,
    })),
  };
}
