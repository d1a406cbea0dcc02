// What the create-VM wizard offers for one host, read live: its networks (with the networks
// feature's kind labels), its storage pools, and from its domain capabilities whether KVM and
// UEFI firmware are on offer.
import "server-only";
import type { Access } from "@/lib/access/access";
import { hostConnection, withTimeout } from "@/lib/hosts/live-read";
import type { Connection } from "@/lib/libvirt";
import { readLiveNetworks } from "@/lib/networks/read-networks";
import { osinfoCatalog } from "@/lib/osinfo/catalog";
import { attr, child, children, parseXml } from "@/lib/xml/parse";
import type { NetworkKindWord } from "@/lib/xml/parse-network";

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
  pools: { name: string; active: boolean }[];
  kvm: boolean;
  uefi: boolean;
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
    refs.map(async (ref) => ({ name: ref.name, active: await conn.storage.isPoolActive(ref) })),
  );
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
  const [nets, poolList, caps] = await withTimeout(
    Promise.all([readLiveNetworks(conn), pools(conn), capabilities(conn)]),
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
