/** Host-level operations: identity, versions, capabilities, node info and statistics. */
import type { RpcClient } from "./client";
import * as P from "./protocol/procedures/connect";
import {
  CONNECT_LIST_ALL_INTERFACES,
  INTERFACE_GET_XML_DESC,
  INTERFACE_LOOKUP_BY_NAME,
} from "./protocol/procedures/network";
import type { InterfaceRef } from "./protocol/types";

/** A libvirt version number split into parts (encoded as major·10⁶ + minor·10³ + micro). */
export interface Version {
  major: number;
  minor: number;
  micro: number;
  /** "9.0.0". */
  text: string;
}

/** Splits libvirt's encoded version number. */
export function decodeVersion(v: number): Version {
  const major = Math.floor(v / 1_000_000);
  const minor = Math.floor((v % 1_000_000) / 1_000);
  const micro = v % 1_000;
  return { major, minor, micro, text: `${major}.${minor}.${micro}` };
}

/** Node information; memory in KiB, as virsh nodeinfo shows it. */
export interface NodeInfo {
  model: string;
  memoryKiB: number;
  cpus: number;
  mhz: number;
  nodes: number;
  sockets: number;
  cores: number;
  threads: number;
}

/** Options for domain capabilities (all optional, as in virsh domcapabilities). */
export interface DomainCapsQuery {
  emulatorbin?: string;
  arch?: string;
  machine?: string;
  virttype?: string;
}

/** Host operations on one connection. */
export class HostApi {
  constructor(private readonly rpc: RpcClient) {}

  hostname(): Promise<string> {
    return this.rpc.call(P.CONNECT_GET_HOSTNAME, undefined);
  }

  /** Driver name, e.g. "QEMU" or "TEST". */
  driverType(): Promise<string> {
    return this.rpc.call(P.CONNECT_GET_TYPE, undefined);
  }

  /** The hypervisor's version (QEMU's for the QEMU driver). */
  async hypervisorVersion(): Promise<Version> {
    return decodeVersion(await this.rpc.call(P.CONNECT_GET_VERSION, undefined));
  }

  /** The daemon's libvirt version. */
  async libVersion(): Promise<Version> {
    return decodeVersion(await this.rpc.call(P.CONNECT_GET_LIB_VERSION, undefined));
  }

  /** The canonical URI the daemon opened. */
  uri(): Promise<string> {
    return this.rpc.call(P.CONNECT_GET_URI, undefined);
  }

  capabilities(): Promise<string> {
    return this.rpc.call(P.CONNECT_GET_CAPABILITIES, undefined);
  }

  domainCapabilities(q: DomainCapsQuery = {}): Promise<string> {
    return this.rpc.call(P.CONNECT_GET_DOMAIN_CAPABILITIES, {
      emulatorbin: q.emulatorbin ?? null,
      arch: q.arch ?? null,
      machine: q.machine ?? null,
      virttype: q.virttype ?? null,
      flags: 0,
    });
  }

  /** Storage pool capabilities XML (`virsh pool-capabilities`): the pool types on offer. */
  storagePoolCapabilities(): Promise<string> {
    return this.rpc.call(P.CONNECT_GET_STORAGE_POOL_CAPABILITIES, { flags: 0 });
  }

  /** SMBIOS sysinfo XML (fails on hosts without SMBIOS). */
  sysinfo(): Promise<string> {
    return this.rpc.call(P.CONNECT_GET_SYSINFO, { flags: 0 });
  }

  async nodeInfo(): Promise<NodeInfo> {
    const r = await this.rpc.call(P.NODE_GET_INFO, undefined);
    const { memory, ...rest } = r;
    return { ...rest, memoryKiB: memory };
  }

  /** CPU time counters in ns (user, kernel, idle, iowait, …) for one CPU or all (-1). */
  async cpuStats(cpu = -1): Promise<Record<string, bigint>> {
    const probe = await this.rpc.call(P.NODE_GET_CPU_STATS, { cpuNum: cpu, nparams: 0, flags: 0 });
    const r = await this.rpc.call(P.NODE_GET_CPU_STATS, {
      cpuNum: cpu,
      nparams: probe.nparams,
      flags: 0,
    });
    return Object.fromEntries(r.params.map((p) => [p.field, p.value]));
  }

  /** Memory counters in KiB (total, free, buffers, cached) for one cell or all (-1). */
  async memoryStats(cell = -1): Promise<Record<string, bigint>> {
    const probe = await this.rpc.call(P.NODE_GET_MEMORY_STATS, {
      nparams: 0,
      cellNum: cell,
      flags: 0,
    });
    const r = await this.rpc.call(P.NODE_GET_MEMORY_STATS, {
      nparams: probe.nparams,
      cellNum: cell,
      flags: 0,
    });
    return Object.fromEntries(r.params.map((p) => [p.field, p.value]));
  }

  /**
   * How this host's CPU compares with a <cpu> description (virsh cpu-compare): 0 incompatible,
   * 1 identical, 2 a superset (it can run a guest with that CPU).
   */
  compareCpu(xml: string, flags = 0): Promise<number> {
    return this.rpc.call(P.CONNECT_COMPARE_CPU, { xml, flags });
  }

  /** Free memory in bytes. */
  freeMemory(): Promise<number> {
    return this.rpc.call(P.NODE_GET_FREE_MEMORY, undefined);
  }

  /** Free memory in bytes per NUMA cell. */
  cellsFreeMemory(startCell = 0, maxCells = 64): Promise<number[]> {
    return this.rpc.call(P.NODE_GET_CELLS_FREE_MEMORY, { startCell, maxcells: maxCells });
  }

  /** Host interfaces (needs an interface driver on the host; netcf/udev). Flags: 1 inactive, 2 active. */
  async listInterfaces(flags = 0): Promise<InterfaceRef[]> {
    return (await this.rpc.call(CONNECT_LIST_ALL_INTERFACES, { needResults: 1, flags })).ifaces;
  }

  async lookupInterface(name: string): Promise<InterfaceRef> {
    return (await this.rpc.call(INTERFACE_LOOKUP_BY_NAME, { name })).iface;
  }

  interfaceXml(iface: InterfaceRef, flags = 0): Promise<string> {
    return this.rpc.call(INTERFACE_GET_XML_DESC, { iface, flags });
  }
}
