// Internal qcow2 snapshots of a VM: list (as a tree, current one marked), create, revert,
// delete. Every change goes through changeVm (the inventory row is refreshed).
import "server-only";
import { AppError } from "@/lib/errors";
import { SnapshotCreateFlags } from "@/lib/libvirt";
import type { CreateSnapshotInput } from "@/lib/schemas/snapshot";
import { buildXml } from "@/lib/xml/build-network";
import { attr, child, parseXml, text } from "@/lib/xml/parse";
import { changeVm, vmOnHost } from "./change-vm";

export interface SnapshotRow {
  name: string;
  description: string | null;
  /** The VM's state when it was taken ("running", "shutoff", …). */
  state: string | null;
  createdAt: string | null;
  parent: string | null;
  current: boolean;
  memory: boolean;
  children: SnapshotRow[];
}

function toRow(xml: string, current: string | null): SnapshotRow {
  const snap = child(parseXml(xml), "domainsnapshot");
  const seconds = Number(text(snap, "creationTime"));
  const name = text(snap, "name") ?? "";
  return {
    name,
    description: text(snap, "description"),
    state: text(snap, "state"),
    createdAt: Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString() : null,
    parent: text(child(snap, "parent"), "name"),
    current: name === current,
    memory: attr(child(snap, "memory"), "snapshot") === "internal",
    children: [],
  };
}

/** The snapshots as a forest (roots first, children under their parent), oldest first. */
export async function listSnapshots(vmId: string): Promise<SnapshotRow[]> {
  const { conn, dom } = await vmOnHost(vmId);
  const [refs, current] = await Promise.all([
    conn.snapshots.list(dom),
    conn.snapshots.current(dom),
  ]);
  const rows = await Promise.all(
    refs.map(async (ref) => toRow(await conn.snapshots.xml(ref), current?.name ?? null)),
  );
  rows.sort((a, b) => (a.createdAt ?? "").localeCompare(b.createdAt ?? ""));
  const byName = new Map(rows.map((r) => [r.name, r]));
  const roots: SnapshotRow[] = [];
  for (const row of rows) {
    const parent = row.parent ? byName.get(row.parent) : undefined;
    if (parent) parent.children.push(row);
    else roots.push(row);
  }
  return roots;
}

/** A snapshot about to be taken: checked first (a name in use is refused at once). */
export interface SnapshotPlan {
  /** Whether the running VM's memory is saved too (the slow part). */
  memory: boolean;
  run(): Promise<void>;
}

export async function planSnapshot(input: CreateSnapshotInput): Promise<SnapshotPlan> {
  const { conn, dom } = await vmOnHost(input.id);
  const taken = await conn.snapshots.list(dom);
  if (taken.some((s) => s.name === input.name))
    throw new AppError("conflict", `name: the VM already has a snapshot named ${input.name}`);
  const running = await conn.domains.isActive(dom);
  return { memory: running && input.memory, run: () => createSnapshot(input) };
}

/** A revert about to run: the snapshot must exist; `memory` when it holds a running state. */
export async function planRevert(ref: { id: string; name: string }): Promise<SnapshotPlan> {
  const { conn, dom } = await vmOnHost(ref.id);
  const snapshot = await conn.snapshots.lookup(dom, ref.name);
  const xml = parseXml(await conn.snapshots.xml(snapshot));
  const memory = attr(child(child(xml, "domainsnapshot"), "memory"), "snapshot");
  return {
    memory: memory !== undefined && memory !== "no",
    run: () => revertSnapshot(ref),
  };
}

function createSnapshot(input: CreateSnapshotInput): Promise<void> {
  return changeVm(input.id, async ({ conn, dom }) => {
    const running = await conn.domains.isActive(dom);
    const snapshot: Record<string, unknown> = { name: input.name };
    if (input.description) snapshot.description = input.description;
    // Internal snapshots: memory goes into the qcow2 image with the disks (running VMs only).
    snapshot.memory = { "@snapshot": running && input.memory ? "internal" : "no" };
    await conn.snapshots.create(
      dom,
      buildXml({ domainsnapshot: snapshot }),
      SnapshotCreateFlags.ATOMIC,
    );
  });
}

/** Reverts to the snapshot: the VM returns to the state it was in (running or shut off). */
function revertSnapshot(ref: { id: string; name: string }): Promise<void> {
  return changeVm(ref.id, async ({ conn, dom }) => {
    await conn.snapshots.revert(await conn.snapshots.lookup(dom, ref.name));
  });
}

export function deleteSnapshot(ref: { id: string; name: string }): Promise<void> {
  return changeVm(ref.id, async ({ conn, dom }) => {
    await conn.snapshots.delete(await conn.snapshots.lookup(dom, ref.name));
  });
}
