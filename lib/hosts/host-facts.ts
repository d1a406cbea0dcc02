// What a host tells about itself at each connection, kept in Host.facts so the host page renders
// from the database and never waits on a live call.
import type { Connection } from "@/lib/libvirt";
import { attr, child, children, parseXml } from "@/lib/xml/parse";

export interface HostFacts {
  hostname: string;
  libvirtVersion: string;
  hypervisor: string;
  hypervisorVersion: string;
  cpuModel: string;
  cpus: number;
  mhz: number;
  sockets: number;
  cores: number;
  threads: number;
  memoryKiB: number;
  freeMemoryKiB: number;
  /** The host offers hardware-accelerated (type 'kvm') guests. */
  kvm: boolean;
  networks: { name: string; active: boolean }[];
  pools: { name: string; active: boolean }[];
  readAt: string;
}

function offersKvm(capabilitiesXml: string): boolean {
  const guests = children(child(parseXml(capabilitiesXml), "capabilities"), "guest");
  return guests.some((g) =>
    children(child(g, "arch"), "domain").some((d) => attr(d, "type") === "kvm"),
  );
}

export async function readHostFacts(conn: Connection): Promise<HostFacts> {
  const [hostname, lib, hvType, hv, node, free, caps, nets, pools] = await Promise.all([
    conn.host.hostname(),
    conn.host.libVersion(),
    conn.host.driverType(),
    conn.host.hypervisorVersion(),
    conn.host.nodeInfo(),
    // libvirt's test driver reports 0 free memory as "an unknown error": show 0, stay online.
    conn.host.freeMemory().catch(() => 0),
    conn.host.capabilities(),
    conn.networks.list(0),
    conn.storage.listPools(0),
  ]);
  const [netActive, poolActive] = await Promise.all([
    Promise.all(nets.map((n) => conn.networks.isActive(n))),
    Promise.all(pools.map((p) => conn.storage.isPoolActive(p))),
  ]);
  return {
    hostname,
    libvirtVersion: lib.text,
    hypervisor: hvType,
    hypervisorVersion: hv.text,
    cpuModel: node.model,
    cpus: node.cpus,
    mhz: node.mhz,
    sockets: node.sockets,
    cores: node.cores,
    threads: node.threads,
    memoryKiB: node.memoryKiB,
    freeMemoryKiB: Math.round(free / 1024),
    kvm: offersKvm(caps),
    networks: nets.map((n, i) => ({ name: n.name, active: netActive[i] ?? false })),
    pools: pools.map((p, i) => ({ name: p.name, active: poolActive[i] ?? false })),
    readAt: new Date().toISOString(),
  };
}
