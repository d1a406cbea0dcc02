// VMs on their way from one host to another (a migration under way). While a VM moves, the
// source's view of it is not written (its events say "stopped/migrated", and libvirt sends no
// event when the source's definition is removed), and the target's first sight of it takes over
// the VM's row: one row, one id, its tags, notes, events and tasks, that changes host.
// Kept on globalThis: Next's bundle and server.ts load separate copies of this module.
import { db } from "@/lib/db/client";
import { publish } from "@/lib/live/bus";
import { toVmSummary } from "./summaries";

export interface Move {
  from: string;
  to: string;
}

const KEY = Symbol.for("virtdeck.moving-vms");
const store = globalThis as unknown as Record<symbol, Map<string, Move> | undefined>;

function moves(): Map<string, Move> {
  store[KEY] ??= new Map();
  return store[KEY];
}

export function startMove(uuid: string, move: Move): void {
  moves().set(uuid, move);
}

export function endMove(uuid: string): void {
  moves().delete(uuid);
}

export function movingFrom(hostId: string, uuid: string): boolean {
  return moves().get(uuid)?.from === hostId;
}

/**
 * Puts the VM's row on `to` (the target has it now). A row the target kept from an earlier
 * stay (gone since) gives way to the one that moves. Does nothing when the row is there already.
 */
export async function moveRow(uuid: string, from: string, to: string): Promise<void> {
  const row = await db.vm.findUnique({ where: { hostId_uuid: { hostId: from, uuid } } });
  if (!row) return;
  const stale = await db.vm.findUnique({ where: { hostId_uuid: { hostId: to, uuid } } });
  if (stale && stale.goneAt === null) return; // the target has its own live row: leave both be
  if (stale) await db.vm.delete({ where: { id: stale.id } });
  const moved = await db.vm.update({
    where: { id: row.id },
    data: { hostId: to },
    include: { host: { select: { name: true } } },
  });
  publish({ type: "vm", vm: toVmSummary(moved) });
}

/** Before the target's first write of a moving VM: take the source's row over. */
export async function adoptArrivingRow(hostId: string, uuid: string): Promise<void> {
  const move = moves().get(uuid);
  if (move?.to === hostId) await moveRow(uuid, move.from, hostId);
}
