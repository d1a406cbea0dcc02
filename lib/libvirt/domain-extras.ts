/**
 * Domain operations beyond the lifecycle: devices, statistics, addresses,
 * metadata, managed save, jobs and migration.
 */
import type { CallOptions, RpcClient } from "./client";
import * as P from "./protocol/procedures/domain";
import * as J from "./protocol/procedures/snapshot";
import { type DomainRef, paramsToRecord, recordToParams, type TypedValue } from "./protocol/types";

/** One record of all-domain stats: typed params as a record ("state.state", "cpu.time", …). */
export interface DomainStats {
  dom: DomainRef;
  stats: Record<string, TypedValue>;
}

/** A guest interface with its addresses (virsh domifaddr). */
export interface DomainInterfaceAddrs {
  name: string;
  hwaddr: string | null;
  addrs: { type: "ipv4" | "ipv6"; addr: string; prefix: number }[];
}

/** Options for peer-to-peer migration (one call to the source daemon). */
export interface MigrateOptions {
  /** MigrateFlags; PEER2PEER is always added. */
  flags?: number;
  /** Typed params: migrate_uri, destination_name, destination_xml, bandwidth, … */
  params?: Record<string, TypedValue>;
  /** Call timeout; 0 (default) waits as long as the migration takes. */
  timeout?: number;
}

/** Extra domain operations on one connection. */
export class DomainExtrasApi {
  constructor(private readonly rpc: RpcClient) {}

  /** Attaches a device; flags are Impact bits (LIVE, CONFIG). */
  async attachDevice(dom: DomainRef, xml: string, flags = 0): Promise<void> {
    await this.rpc.call(P.DOMAIN_ATTACH_DEVICE_FLAGS, { dom, xml, flags });
  }

  async detachDevice(dom: DomainRef, xml: string, flags = 0): Promise<void> {
    await this.rpc.call(P.DOMAIN_DETACH_DEVICE_FLAGS, { dom, xml, flags });
  }

  async updateDevice(dom: DomainRef, xml: string, flags = 0): Promise<void> {
    await this.rpc.call(P.DOMAIN_UPDATE_DEVICE_FLAGS, { dom, xml, flags });
  }

  /**
   * Stats for many domains in one call (virsh domstats). `doms` empty means
   * every domain matching `flags` (DomainListFlags); `stats` is StatsTypes bits (0 = all).
   */
  async allStats(stats = 0, flags = 0, doms: DomainRef[] = []): Promise<DomainStats[]> {
    const r = await this.rpc.call(P.CONNECT_GET_ALL_DOMAIN_STATS, { doms, stats, flags });
    return r.records.map((rec) => ({ dom: rec.dom, stats: paramsToRecord(rec.params) }));
  }

  /** Guest addresses from DHCP leases (0), the guest agent (1) or ARP (2). */
  async interfaceAddresses(dom: DomainRef, source = 0): Promise<DomainInterfaceAddrs[]> {
    const r = await this.rpc.call(P.DOMAIN_INTERFACE_ADDRESSES, { dom, source, flags: 0 });
    return r.ifaces.map((i) => ({
      name: i.name,
      hwaddr: i.hwaddr,
      addrs: i.addrs.map((a) => ({
        type: a.type === 1 ? "ipv6" : "ipv4",
        addr: a.addr,
        prefix: a.prefix,
      })),
    }));
  }

  /** Balloon and guest memory statistics: tag → value (KiB for sizes). */
  async memoryStats(dom: DomainRef): Promise<Map<number, bigint>> {
    const r = await this.rpc.call(P.DOMAIN_MEMORY_STATS, { dom, maxStats: 16, flags: 0 });
    return new Map(r.stats.map((s) => [s.tag, s.val]));
  }

  blockStats(dom: DomainRef, disk: string) {
    return this.rpc.call(P.DOMAIN_BLOCK_STATS, { dom, path: disk });
  }

  interfaceStats(dom: DomainRef, device: string) {
    return this.rpc.call(P.DOMAIN_INTERFACE_STATS, { dom, device });
  }

  /** Reads metadata: type 0 description, 1 title, 2 element (needs the namespace uri). */
  getMetadata(dom: DomainRef, type: number, uri: string | null = null, flags = 0): Promise<string> {
    return this.rpc.call(P.DOMAIN_GET_METADATA, { dom, type, uri, flags });
  }

  /** Sets or (metadata null) removes metadata; for elements give key (prefix) and uri. */
  async setMetadata(
    dom: DomainRef,
    type: number,
    metadata: string | null,
    opts: { key?: string; uri?: string; flags?: number } = {},
  ): Promise<void> {
    await this.rpc.call(P.DOMAIN_SET_METADATA, {
      dom,
      type,
      metadata,
      key: opts.key ?? null,
      uri: opts.uri ?? null,
      flags: opts.flags ?? 0,
    });
  }

  async managedSave(dom: DomainRef, flags = 0): Promise<void> {
    await this.rpc.call(P.DOMAIN_MANAGED_SAVE, { dom, flags });
  }

  hasManagedSave(dom: DomainRef): Promise<boolean> {
    return this.rpc.call(P.DOMAIN_HAS_MANAGED_SAVE_IMAGE, { dom, flags: 0 });
  }

  async removeManagedSave(dom: DomainRef): Promise<void> {
    await this.rpc.call(P.DOMAIN_MANAGED_SAVE_REMOVE, { dom, flags: 0 });
  }

  /** The running job's counters (type 0 none, 1 bounded, 2 unbounded, 3 completed, 4 failed, 5 cancelled). */
  jobInfo(dom: DomainRef) {
    return this.rpc.call(J.DOMAIN_GET_JOB_INFO, { dom });
  }

  /** Job statistics as typed params (flag 1 = completed job). */
  async jobStats(
    dom: DomainRef,
    flags = 0,
  ): Promise<{ type: number; stats: Record<string, TypedValue> }> {
    const r = await this.rpc.call(J.DOMAIN_GET_JOB_STATS, { dom, flags });
    return { type: r.type, stats: paramsToRecord(r.params) };
  }

  async abortJob(dom: DomainRef): Promise<void> {
    await this.rpc.call(J.DOMAIN_ABORT_JOB, { dom });
  }

  /** Switches a migration started with POSTCOPY to post-copy (the guest runs on the target). */
  async startPostCopy(dom: DomainRef): Promise<void> {
    await this.rpc.call(J.DOMAIN_MIGRATE_START_POST_COPY, { dom, flags: 0 });
  }

  /** Sets the longest pause (ms) at the switch-over of a live migration. */
  async setMaxDowntime(dom: DomainRef, ms: number): Promise<void> {
    await this.rpc.call(J.DOMAIN_MIGRATE_SET_MAX_DOWNTIME, { dom, downtime: BigInt(ms), flags: 0 });
  }

  /**
   * The steps of a migration this client drives between two daemons (virsh without --p2p):
   * begin, perform and confirm on the source; prepare and finish on the destination.
   */
  migrateBegin(dom: DomainRef, params: Record<string, TypedValue>, flags: number) {
    return this.rpc.call(J.DOMAIN_MIGRATE_BEGIN3_PARAMS, {
      dom,
      params: recordToParams(params),
      flags,
    });
  }

  migratePrepare(params: Record<string, TypedValue>, cookieIn: Buffer, flags: number) {
    return this.rpc.call(
      J.DOMAIN_MIGRATE_PREPARE3_PARAMS,
      { params: recordToParams(params), cookieIn, flags },
      { timeout: 0 },
    );
  }

  /** Perform without PEER2PEER: the source sends to the destination prepare opened. Blocks. */
  async migratePerform(
    dom: DomainRef,
    params: Record<string, TypedValue>,
    cookieIn: Buffer,
    flags: number,
  ): Promise<Buffer> {
    const r = await this.rpc.call(
      J.DOMAIN_MIGRATE_PERFORM3_PARAMS,
      { dom, dconnuri: null, params: recordToParams(params), cookieIn, flags },
      { timeout: 0 },
    );
    return r.cookieOut;
  }

  migrateFinish(
    params: Record<string, TypedValue>,
    cookieIn: Buffer,
    flags: number,
    cancelled: boolean,
  ) {
    return this.rpc.call(
      J.DOMAIN_MIGRATE_FINISH3_PARAMS,
      { params: recordToParams(params), cookieIn, flags, cancelled: cancelled ? 1 : 0 },
      { timeout: 0 },
    );
  }

  async migrateConfirm(
    dom: DomainRef,
    params: Record<string, TypedValue>,
    cookieIn: Buffer,
    flags: number,
    cancelled: boolean,
  ): Promise<void> {
    await this.rpc.call(
      J.DOMAIN_MIGRATE_CONFIRM3_PARAMS,
      { dom, params: recordToParams(params), cookieIn, flags, cancelled: cancelled ? 1 : 0 },
      { timeout: 0 },
    );
  }

  /**
   * Peer-to-peer migration to `destUri` (as the source daemon must reach it).
   * Blocks until done: run it on its own connection and poll jobInfo on another.
   */
  async migrate(dom: DomainRef, destUri: string, opts: MigrateOptions = {}): Promise<void> {
    const call: CallOptions = { timeout: opts.timeout ?? 0 };
    await this.rpc.call(
      J.DOMAIN_MIGRATE_PERFORM3_PARAMS,
      {
        dom,
        dconnuri: destUri,
        params: recordToParams(opts.params ?? {}),
        cookieIn: Buffer.alloc(0),
        flags: (opts.flags ?? 0) | 2,
      },
      call,
    );
  }
}
