// What the create-VM wizard offers for one host, read live: its networks (with the networks
// feature's kind labels), its storage pools, and from its domain capabilities whether KVM and
// UEFI firmware are on offer and how many vCPUs each machine type takes; the host's CPUs and
// memory come from the facts Virtdeck stored at its last connection.
import "server-only";
import type { Access } from "@/lib/access/access";
import { db } from "@/lib/db/client";
import { parseHostFacts } from "@/lib/hosts/host-status";
import { hostConnection, withTimeout } from "@/lib/hosts/live-read";
import type { Connection } from "@/lib/libvirt";
import { readLiveNetworks } from "@/lib/networks/read-networks";
import { osinfoCatalog } from "@/lib/osinfo/catalog";
import { attr, child, children, parseXml } from "@/lib/xml/parse";
import type { NetworkKindWord } from "@/lib/xml/parse-network";
import { parsePoolXml } from "@/lib/xml/parse-storage";

/** An operating system from osinfo-db, with the wizard's defaults for it. */
export interface OsChoice {
  id: string;
  name: string;
  vendor: string;
  preset: "linux" | "windows" | "other";
  /** Past its end-of-life date: listed only on request. */
  eol: boolean;
  vcpus: number | null;
  memoryMib: number | null;
  sizeGib: number | null;
  uefiOnly: boolean;
}

export interface CreateVmOptions {
  hostId: string;
  hostName: string;
  /** Empty when osinfo-db is not installed where Virtdeck runs: then presets only. */
  osinfo: OsChoice[];
  networks: { name: string; kind: NetworkKindWord; active: boolean }[];
  /** `path`: the pool's target directory (a new volume is made in it), "" when unknown. */
  pools: { name: string; active: boolean; path: string }[];
  kvm: boolean;
  uefi: boolean;
  /** The host's CPUs and memory (its stored facts): more is allowed, with a warning. */
  host: { cpus: number; memoryMib: number } | null;
  /** The most vCPUs the host's machine types take (BIOS VMs get `pc`, UEFI ones `q35`). */
  maxVcpus: { bios: number | null; uefi: number | null };
}

/** The machine type the domain builder gives a VM of this firmware (lib/xml/build-domain.ts). */
export const MACHINE_OF = { bios: "pc", uefi: "q35" } as const;

/** The `<vcpu max>` of the host's domain capabilities for one machine type, or null. */
export async function machineMaxVcpus(
  conn: Connection,
  virttype: "kvm" | "qemu",
  firmware: "bios" | "uefi",
): Promise<number | null> {
  const xml = await conn.host
    .domainCapabilities({ virttype, arch: "x86_64", machine: MACHINE_OF[firmware] })
    .catch(() => "");
  if (!xml) return null;
  const max = Number(attr(child(child(parseXml(xml), "domainCapabilities"), "vcpu"), "max"));
  return Number.isInteger(max) && max > 0 ? max : null;
}

async function capabilities(conn: Connection): Promise<{ kvm: boolean; uefi: boolean }> {
  const caps = await conn.host
    .domainCapabilities({ virttype: "kvm", arch: "x86_64" })
    .then((xml) => ({ xml, kvm: true }))
    .catch(async () => ({
      xml: await conn.host.domainCapabilities({ virttype: "qemu", arch: "x86_64" }).catch(() => ""),
      kvm: false,
    }));
  if (!caps.xml) return { kvm: caps.kvm, uefi: false };
  const os = child(child(parseXml(caps.xml), "domainCapabilities"), "os");
  const firmware = children(os, "enum").find((e) => attr(e, "name") === "firmware");
  const values = children(firmware, "value").map((v) => String(v["#text"] ?? ""));
  return { kvm: caps.kvm, uefi: attr(os, "supported") === "yes" && values.includes("efi") };
}

async function pools(conn: Connection): Promise<CreateVmOptions["pools"]> {
  const refs = await conn.storage.listPools(0);
  return Promise.all(
    refs.map(async (ref) => {
      const [active, xml] = await Promise.all([
        conn.storage.isPoolActive(ref),
        conn.storage.poolXml(ref),
      ]);
      return { name: ref.name, active, path: parsePoolXml(xml).path ?? "" };
    }),
  );
}

async function hostSize(hostId: string): Promise<CreateVmOptions["host"]> {
  const row = await db.host.findUnique({ where: { id: hostId }, select: { facts: true } });
  const facts = parseHostFacts(row?.facts ?? null);
  if (!facts?.cpus || !facts.memoryKiB) return null;
  return { cpus: facts.cpus, memoryMib: Math.floor(facts.memoryKiB / 1024) };
}

const MIB = 1024 ** 2;
const GIB = 1024 ** 3;

function osChoices(today: string): OsChoice[] {
  return osinfoCatalog().map((e) => ({
    id: e.id,
    name: e.name,
    vendor: e.vendor,
    preset: e.family === "linux" ? "linux" : e.family === "winnt" ? "windows" : "other",
    eol: e.eolDate !== null && e.eolDate < today,
    vcpus: e.resources.vcpus ?? null,
    memoryMib: e.resources.ramBytes ? Math.round(e.resources.ramBytes / MIB) : null,
    sizeGib: e.resources.storageBytes ? Math.ceil(e.resources.storageBytes / GIB) : null,
    uefiOnly: e.uefiOnly,
  }));
}

export async function readCreateVmOptions(hostId: string): Promise<CreateVmOptions> {
  const { host, conn } = await hostConnection(hostId);
  const [nets, poolList, caps, size] = await withTimeout(
    Promise.all([readLiveNetworks(conn), pools(conn), capabilities(conn), hostSize(host.id)]),
    host.name,
  );
  const virttype = caps.kvm ? "kvm" : "qemu";
  const [bios, uefi] = await withTimeout(
    Promise.all([machineMaxVcpus(conn, virttype, "bios"), machineMaxVcpus(conn, virttype, "uefi")]),
    host.name,
  );
  return {
    hostId: host.id,
    hostName: host.name,
    osinfo: osChoices(new Date().toISOString().slice(0, 10)),
    networks: nets
      .map((n) => ({ name: n.parsed.name, kind: n.parsed.kind, active: n.active }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    pools: poolList.sort((a, b) => a.name.localeCompare(b.name)),
    ...caps,
    host: size,
    maxVcpus: { bios, uefi },
  };
}

/**
 * The options a caller may use: networks they may put a NIC on (Network.Use) and pools they may
 * make a disk in (Datastore.AllocateSpace). The server checks again when the VM is created.
 */
export function optionsFor(options: CreateVmOptions, access: Access): CreateVmOptions {
  const { hostId } = options;
  return {
    ...options,
    networks: options.networks.filter((n) =>
      access.can("Network.Use", { kind: "network", hostId, network: n.name }),
    ),
    pools: options.pools.filter((p) =>
      access.can("Datastore.AllocateSpace", { kind: "pool", hostId, pool: p.name }),
    ),
  };
}
