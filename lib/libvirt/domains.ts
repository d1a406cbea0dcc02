/** Domain lookup, lifecycle, XML and configuration operations. */
import type { RpcClient } from "./client";
import * as P from "./protocol/procedures/domain";
import type { DomainRef } from "./protocol/types";
import { type DomainStateWord, domainStateWord } from "./states";

/** DOMAIN_GET_INFO, friendly: memory in KiB; cpuTime in ns as BigInt (passes 2^53 after ~104 days). */
export interface DomainInfo {
  state: DomainStateWord;
  stateCode: number;
  maxMemKiB: number;
  memoryKiB: number;
  vcpus: number;
  cpuTimeNs: bigint;
}

/** DOMAIN_GET_STATE: the state and the reason code for it. */
export interface DomainState {
  state: DomainStateWord;
  stateCode: number;
  reason: number;
}

/** Domain operations on one connection. Handles come from list/lookup/define. */
export class DomainApi {
  constructor(private readonly rpc: RpcClient) {}

  /** All domains matching DomainListFlags (0 = all). */
  async list(flags = 0): Promise<DomainRef[]> {
    return (await this.rpc.call(P.CONNECT_LIST_ALL_DOMAINS, { needResults: 1, flags })).domains;
  }

  async lookupByName(name: string): Promise<DomainRef> {
    return (await this.rpc.call(P.DOMAIN_LOOKUP_BY_NAME, { name })).dom;
  }

  async lookupByUuid(uuid: string): Promise<DomainRef> {
    return (await this.rpc.call(P.DOMAIN_LOOKUP_BY_UUID, { uuid })).dom;
  }

  async lookupById(id: number): Promise<DomainRef> {
    return (await this.rpc.call(P.DOMAIN_LOOKUP_BY_ID, { id })).dom;
  }

  async info(dom: DomainRef): Promise<DomainInfo> {
    const r = await this.rpc.call(P.DOMAIN_GET_INFO, { dom });
    return {
      state: domainStateWord(r.state),
      stateCode: r.state,
      maxMemKiB: r.maxMem,
      memoryKiB: r.memory,
      vcpus: r.nrVirtCpu,
      cpuTimeNs: r.cpuTime,
    };
  }

  async state(dom: DomainRef): Promise<DomainState> {
    const r = await this.rpc.call(P.DOMAIN_GET_STATE, { dom, flags: 0 });
    return { state: domainStateWord(r.state), stateCode: r.state, reason: r.reason };
  }

  /** The domain XML; flags from DomainXmlFlags (e.g. INACTIVE for the persistent config). */
  xml(dom: DomainRef, flags = 0): Promise<string> {
    return this.rpc.call(P.DOMAIN_GET_XML_DESC, { dom, flags });
  }

  /** Defines (or updates) a persistent domain from XML. */
  async define(xml: string, flags = 0): Promise<DomainRef> {
    return (await this.rpc.call(P.DOMAIN_DEFINE_XML_FLAGS, { xml, flags })).dom;
  }

  /** Renames an inactive domain (virsh domrename); the UUID stays. */
  async rename(dom: DomainRef, newName: string): Promise<void> {
    await this.rpc.call(P.DOMAIN_RENAME, { dom, newName, flags: 0 });
  }

  /** Removes a persistent definition; UndefineFlags choose what else goes with it. */
  async undefine(dom: DomainRef, flags = 0): Promise<void> {
    await this.rpc.call(P.DOMAIN_UNDEFINE_FLAGS, { dom, flags });
  }

  /** Starts a defined domain; returns the handle with its new id. */
  async start(dom: DomainRef, flags = 0): Promise<DomainRef> {
    return (await this.rpc.call(P.DOMAIN_CREATE_WITH_FLAGS, { dom, flags })).dom;
  }

  /** Creates and starts a transient domain from XML. */
  async createTransient(xml: string, flags = 0): Promise<DomainRef> {
    return (await this.rpc.call(P.DOMAIN_CREATE_XML, { xml, flags })).dom;
  }

  /** Asks the guest to shut down (ShutdownFlags pick the method). */
  async shutdown(dom: DomainRef, flags = 0): Promise<void> {
    await this.rpc.call(P.DOMAIN_SHUTDOWN_FLAGS, { dom, flags });
  }

  /** Stops the domain at once (virsh destroy). */
  async destroy(dom: DomainRef, flags = 0): Promise<void> {
    await this.rpc.call(P.DOMAIN_DESTROY_FLAGS, { dom, flags });
  }

  async reboot(dom: DomainRef, flags = 0): Promise<void> {
    await this.rpc.call(P.DOMAIN_REBOOT, { dom, flags });
  }

  /** Hard reset, like pressing the reset button. */
  async reset(dom: DomainRef): Promise<void> {
    await this.rpc.call(P.DOMAIN_RESET, { dom, flags: 0 });
  }

  async suspend(dom: DomainRef): Promise<void> {
    await this.rpc.call(P.DOMAIN_SUSPEND, { dom });
  }

  async resume(dom: DomainRef): Promise<void> {
    await this.rpc.call(P.DOMAIN_RESUME, { dom });
  }

  getAutostart(dom: DomainRef): Promise<boolean> {
    return this.rpc.call(P.DOMAIN_GET_AUTOSTART, { dom });
  }

  async setAutostart(dom: DomainRef, on: boolean): Promise<void> {
    await this.rpc.call(P.DOMAIN_SET_AUTOSTART, { dom, autostart: on ? 1 : 0 });
  }

  isActive(dom: DomainRef): Promise<boolean> {
    return this.rpc.call(P.DOMAIN_IS_ACTIVE, { dom });
  }

  isPersistent(dom: DomainRef): Promise<boolean> {
    return this.rpc.call(P.DOMAIN_IS_PERSISTENT, { dom });
  }

  /** Sets vCPUs; flags combine Impact and VcpuFlags. */
  async setVcpus(dom: DomainRef, count: number, flags = 0): Promise<void> {
    await this.rpc.call(P.DOMAIN_SET_VCPUS_FLAGS, { dom, nvcpus: count, flags });
  }

  getVcpus(dom: DomainRef, flags = 0): Promise<number> {
    return this.rpc.call(P.DOMAIN_GET_VCPUS_FLAGS, { dom, flags });
  }

  /** Sets memory in KiB; flags combine Impact and MemoryFlags. */
  async setMemory(dom: DomainRef, kib: number, flags = 0): Promise<void> {
    await this.rpc.call(P.DOMAIN_SET_MEMORY_FLAGS, { dom, memory: kib, flags });
  }
}
