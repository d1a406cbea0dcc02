// Live reads of a host's pools and volumes. libvirt is the truth (there is no storage table);
// every read has a short limit so an unresponsive host cannot hold a page. Lists hold only what
// the caller may see: pools with Datastore.Audit, and of the VMs using a volume those with
// VM.Audit (the count of the others is kept, so "in use" stays true).
import type { Access } from "@/lib/access/access";
import { db } from "@/lib/db/client";
import { toActionError } from "@/lib/errors";
import { hostConnection, withTimeout } from "@/lib/hosts/live-read";
import type { DiskSummary } from "@/lib/inventory/summaries";
import { type Connection, ObjectListFlags, type PoolRef } from "@/lib/libvirt";
import { POOL_TYPES, type PoolType } from "@/lib/schemas/storage";
import { parsePoolTypes, parsePoolXml, parseVolumeXml } from "@/lib/xml/parse-storage";
import type {
  HostPools,
  PoolDetail,
  PoolSummary,
  PoolVolumes,
  StorageVm,
  VolumeSummary,
} from "./summaries";

/**
 * Inventory VMs per disk source path (a volume is "used" when a VM's disk names its path). With
 * `access`, a VM the caller may not see is listed without its id or name.
 */
export async function vmsByDiskPath(
  hostId: string,
  access?: Access,
): Promise<Map<string, StorageVm[]>> {
  const vms = await db.vm.findMany({
    where: { hostId, goneAt: null },
    select: { id: true, uuid: true, name: true, state: true, disks: true },
  });
  const byPath = new Map<string, StorageVm[]>();
  for (const vm of vms) {
    const disks = JSON.parse(vm.disks) as DiskSummary[];
    const shown =
      !access || access.seesVm({ hostId, uuid: vm.uuid })
        ? { id: vm.id, name: vm.name, state: vm.state }
        : HIDDEN_VM;
    for (const path of new Set(disks.map((d) => d.source).filter(Boolean) as string[]))
      byPath.set(path, [...(byPath.get(path) ?? []), shown]);
  }
  return byPath;
}

/** A VM the caller may not see, in a volume's users: it counts, but is not named. */
export const HIDDEN_VM: StorageVm = { id: "", name: "a VM you cannot see", state: "" };

export function seesPool(access: Access, hostId: string, pool: string): boolean {
  return access.can("Datastore.Audit", { kind: "pool", hostId, pool });
}

async function readPool(
  conn: Connection,
  host: { id: string; name: string },
  ref: PoolRef,
  persistent: boolean,
): Promise<PoolSummary & { xml: string }> {
  const [xml, info, autostart] = await Promise.all([
    conn.storage.poolXml(ref),
    conn.storage.poolInfo(ref),
    conn.storage.getPoolAutostart(ref),
  ]);
  const parsed = parsePoolXml(xml);
  return {
    hostId: host.id,
    hostName: host.name,
    ...parsed,
    name: ref.name,
    state: info.state,
    active: info.state === "running",
    autostart,
    persistent,
    capacity: info.capacity,
    allocation: info.allocation,
    available: info.available,
    xml,
  };
}

/** The host's pools the caller may see, sorted by name. */
export async function listHostPools(hostId: string, access: Access): Promise<PoolSummary[]> {
  const { host, conn } = await hostConnection(hostId);
  const read = async () => {
    const [all, persistent] = await Promise.all([
      conn.storage.listPools(0),
      conn.storage.listPools(ObjectListFlags.PERSISTENT),
    ]);
    const ids = new Set(persistent.map((p) => p.uuid));
    const shown = all.filter((ref) => seesPool(access, host.id, ref.name));
    return Promise.all(shown.map((ref) => readPool(conn, host, ref, ids.has(ref.uuid))));
  };
  const pools = await withTimeout(read(), host.name);
  return pools.map(({ xml: _xml, ...p }) => p).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The target paths of every pool of the host, active or not, whoever asks: what "in one of the
 * host's pools" means for a path a VM is given.
 */
export async function poolTargetPaths(hostId: string): Promise<string[]> {
  const { host, conn } = await hostConnection(hostId);
  const read = async () => {
    const refs = await conn.storage.listPools(0);
    const xmls = await Promise.all(refs.map((ref) => conn.storage.poolXml(ref)));
    return xmls.map((xml) => parsePoolXml(xml).path).filter((p): p is string => Boolean(p));
  };
  return withTimeout(read(), host.name);
}

/** Volumes of one (active) pool with the VMs using each; an inactive pool has none to list. */
export async function readVolumes(
  conn: Connection,
  hostId: string,
  pool: PoolRef,
  access?: Access,
): Promise<VolumeSummary[]> {
  if (!(await conn.storage.isPoolActive(pool))) return [];
  return volumesOf(conn, pool, await vmsByDiskPath(hostId, access));
}

/** An active pool's volumes, `users` being the inventory's VMs per disk path. */
async function volumesOf(
  conn: Connection,
  pool: PoolRef,
  users: Map<string, StorageVm[]>,
): Promise<VolumeSummary[]> {
  const refs = await conn.storage.listVolumes(pool);
  const vols = await Promise.all(
    refs.map(async (ref) => {
      const [xml, info] = await Promise.all([
        conn.storage.volumeXml(ref),
        conn.storage.volumeInfo(ref),
      ]);
      const parsed = parseVolumeXml(xml);
      const path = parsed.path ?? ref.key;
      return {
        name: ref.name,
        path,
        format: parsed.format,
        type: info.type,
        capacity: info.capacity,
        allocation: info.allocation,
        backingPath: parsed.backingPath,
        usedBy: users.get(path) ?? [],
      };
    }),
  );
  return vols.sort((a, b) => a.name.localeCompare(b.name));
}

/** The volumes of a host's pool (for VM creation: pick a disk or an ISO). */
export async function listPoolVolumes(
  hostId: string,
  pool: string,
  access: Access,
): Promise<VolumeSummary[]> {
  const { host, conn } = await hostConnection(hostId);
  return withTimeout(
    (async () => readVolumes(conn, host.id, await conn.storage.lookupPool(pool), access))(),
    host.name,
  );
}

/**
 * Every pool of a host the caller may see, with its volumes (inactive pools have none): what
 * disk pickers offer.
 */
export async function listHostVolumes(hostId: string, access: Access): Promise<PoolVolumes[]> {
  const { host, conn } = await hostConnection(hostId);
  return withTimeout(
    (async () => {
      // The inventory's disk users are read once for all pools.
      const [refs, users] = await Promise.all([
        conn.storage.listPools(0),
        vmsByDiskPath(host.id, access),
      ]);
      const pools = await Promise.all(
        refs
          .filter((ref) => seesPool(access, host.id, ref.name))
          .map(async (ref) => {
            const active = await conn.storage.isPoolActive(ref);
            return {
              pool: ref.name,
              active,
              volumes: active ? await volumesOf(conn, ref, users) : [],
            };
          }),
      );
      return pools.sort((a, b) => a.pool.localeCompare(b.pool));
    })(),
    host.name,
  );
}

export async function getPoolDetail(
  hostId: string,
  pool: string,
  access: Access,
): Promise<PoolDetail> {
  const { host, conn } = await hostConnection(hostId);
  return withTimeout(
    (async () => {
      const ref = await conn.storage.lookupPool(pool);
      const persistent = (await conn.storage.listPools(ObjectListFlags.PERSISTENT)).some(
        (p) => p.uuid === ref.uuid,
      );
      const summary = await readPool(conn, host, ref, persistent);
      return { ...summary, volumes: await readVolumes(conn, host.id, ref, access) };
    })(),
    host.name,
  );
}

/**
 * The pool types Virtdeck creates that this host's storage driver supports (a Debian host
 * without the LVM or NFS tools says no to those). A libvirt too old to tell gets all of them
 * offered, and speaks for itself when one fails.
 */
export async function hostPoolTypes(hostId: string): Promise<PoolType[]> {
  const { host, conn } = await hostConnection(hostId);
  const supported = await withTimeout(
    conn.host
      .storagePoolCapabilities()
      .then(parsePoolTypes)
      .catch(() => [...POOL_TYPES]),
    host.name,
  );
  return POOL_TYPES.filter((t) => supported.includes(t));
}

/**
 * Every host's pools, read in parallel; a host that is offline or slow says so instead. Hosts
 * the caller sees nothing of (no Host.Audit and no pool grant there) are left out.
 */
export async function listAllPools(access: Access): Promise<HostPools[]> {
  const all = await db.host.findMany({ orderBy: { name: "asc" } });
  const hosts = all.filter(
    (h) => access.seesHost(h.id) || access.holdsOnSome(h.id, "pool", "Datastore.Audit"),
  );
  return Promise.all(
    hosts.map(async (h) => {
      const base = { hostId: h.id, hostName: h.name, status: h.status };
      try {
        const [pools, poolTypes] = await Promise.all([
          listHostPools(h.id, access),
          hostPoolTypes(h.id),
        ]);
        return { ...base, error: null, pools, poolTypes };
      } catch (error) {
        return { ...base, error: toActionError(error), pools: [], poolTypes: [] };
      }
    }),
  );
}
