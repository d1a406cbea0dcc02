// One collector round per host connection every interval: one all-domain-stats call (CPU,
// balloon, vCPU, block and interface counters of every running VM) plus the host's CPU and
// memory counters, turned into rates (rates.ts), kept as the latest values (current.ts),
// written as the finest tier's points in one transaction, and published on the live bus. Pools'
// usage every minute. Each host's round runs on its own: a slow host skips its own next round
// and delays no other. Never a call per VM.
import { db } from "@/lib/db/client";
import { describeForLog } from "@/lib/errors";
import type { ConnectionManager } from "@/lib/hosts/connection-manager";
import { type Connection, DomainStatsFlags, ObjectListFlags, StatsTypes } from "@/lib/libvirt";
import { publish } from "@/lib/live/bus";
import { metricsNow, type PoolNow, TRAIL } from "./current";
import { HOST_FIELDS, POOL_FIELDS, VM_FIELDS, type VmSample } from "./fields";
import { type HostCounters, hostRates, type VmCounters, vmCounters, vmRates } from "./rates";
import { rollUpAndPrune, seriesIds, seriesKey, writePoints } from "./store";
import { pointOfSample, slotOf, type Tier, tiersFor } from "./tiers";

const STATS =
  StatsTypes.STATE |
  StatsTypes.CPU_TOTAL |
  StatsTypes.BALLOON |
  StatsTypes.VCPU |
  StatsTypes.INTERFACE |
  StatsTypes.BLOCK;
const POOL_EVERY_MS = 60_000;
const ROLLUP_EVERY_MS = 15_000;

interface HostState {
  busy: boolean;
  vms: Map<string, VmCounters>;
  host?: HostCounters;
  poolsAt: number;
  pools: PoolNow[];
}

export class MetricsCollector {
  readonly tiers: Tier[];
  private readonly hosts = new Map<string, HostState>();
  private timer: NodeJS.Timeout | null = null;
  private rolling = false;
  private rolledAt = 0;

  constructor(
    private readonly manager: Pick<ConnectionManager, "online">,
    readonly intervalSeconds: number,
    private readonly clock: () => number = Date.now,
  ) {
    this.tiers = tiersFor(intervalSeconds);
  }

  start(): void {
    this.timer = setInterval(() => this.round(), this.intervalSeconds * 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Starts a collection of every online host that is not still busy with its last one. */
  round(): void {
    const online = this.manager.online();
    // A host that went offline has no usage now; its history shows the gap.
    const up = new Set(online.map((o) => o.hostId));
    for (const hostId of this.hosts.keys()) if (!up.has(hostId)) this.forgetHost(hostId);
    for (const { hostId, conn } of online) {
      const state = this.stateOf(hostId);
      if (state.busy) continue;
      state.busy = true;
      this.collectHost(hostId, conn, state)
        .catch((e: unknown) =>
          console.error(`[virtdeck] metrics of host ${hostId}: ${describeForLog(e)}`),
        )
        .finally(() => {
          state.busy = false;
        });
    }
    if (!this.rolling && this.clock() - this.rolledAt >= ROLLUP_EVERY_MS) {
      this.rolling = true;
      this.rolledAt = this.clock();
      rollUpAndPrune(this.tiers, Math.floor(this.clock() / 1000))
        .catch((e: unknown) => console.error(`[virtdeck] metrics roll-up: ${describeForLog(e)}`))
        .finally(() => {
          this.rolling = false;
        });
    }
  }

  private stateOf(hostId: string): HostState {
    let state = this.hosts.get(hostId);
    if (!state) {
      state = { busy: false, vms: new Map(), poolsAt: 0, pools: [] };
      this.hosts.set(hostId, state);
    }
    return state;
  }

  /** Forgets a host's counters and latest values (removed, or gone offline). */
  forgetHost(hostId: string): void {
    this.hosts.delete(hostId);
    const now = metricsNow();
    now.hosts.delete(hostId);
    for (const map of [now.vms, now.raw])
      for (const [uuid, vm] of map) if (vm.hostId === hostId) map.delete(uuid);
  }

  /** One host's round; resolves with the ms it took. */
  async collectHost(hostId: string, conn: Connection, state = this.stateOf(hostId)) {
    const started = performance.now();
    const at = this.clock();
    const [records, cpu, memory] = await Promise.all([
      conn.domainExtras.allStats(STATS, DomainStatsFlags.ACTIVE | DomainStatsFlags.NOWAIT),
      // Not every driver has node statistics (the test driver has neither): unknown, not a failure.
      conn.host.cpuStats().catch(() => ({})),
      conn.host.memoryStats().catch(() => ({})),
    ]);
    const now = metricsNow();
    // The inventory's ids, so lists can link to what they show (one read per round).
    const rowIds = new Map(
      (await db.vm.findMany({ where: { hostId }, select: { id: true, uuid: true } })).map((v) => [
        v.uuid.toLowerCase(),
        v.id,
      ]),
    );
    const vms: { uuid: string; id: string | null; name: string; sample: VmSample }[] = [];
    const seen = new Map<string, VmCounters>();
    for (const { dom, stats } of records) {
      const uuid = dom.uuid.toLowerCase();
      const counters = vmCounters(stats, dom.id, at);
      seen.set(uuid, counters);
      now.raw.set(uuid, { hostId, name: dom.name, stats });
      const sample = vmRates(state.vms.get(uuid), counters);
      if (!sample) continue;
      const id = rowIds.get(uuid) ?? null;
      vms.push({ uuid, id, name: dom.name, sample });
      const before = now.vms.get(uuid);
      const trail = before?.hostId === hostId ? before.cpuTrail : [];
      now.vms.set(uuid, {
        id,
        name: dom.name,
        hostId,
        at,
        sample,
        cpuTrail: [...trail, sample.cpu].slice(-TRAIL),
      });
    }
    state.vms = seen;
    // A VM no longer running here has no usage now (shut off, or moved to another host).
    for (const map of [now.vms, now.raw])
      for (const [uuid, vm] of map) if (vm.hostId === hostId && !seen.has(uuid)) map.delete(uuid);
    const hostCounters: HostCounters = { at, cpu, memory, vmsRunning: records.length };
    const host = hostRates(state.host, hostCounters);
    state.host = hostCounters;

    const t = slotOf(Math.floor(at / 1000), this.tiers[0]!.step);
    const ids = await seriesIds([
      { key: seriesKey.host(hostId), kind: "host" },
      ...vms.map((v) => ({ key: seriesKey.vm(v.uuid), kind: "vm" as const })),
    ]);
    const rows = [
      {
        seriesId: ids.get(seriesKey.host(hostId)) as number,
        t,
        point: pointOfSample(HOST_FIELDS.map((f) => host[f])),
      },
      ...vms.map((v) => ({
        seriesId: ids.get(seriesKey.vm(v.uuid)) as number,
        t,
        point: pointOfSample(VM_FIELDS.map((f) => v.sample[f])),
      })),
    ];
    const poolRound = at - state.poolsAt >= POOL_EVERY_MS;
    if (poolRound) {
      state.poolsAt = at;
      const pools = await this.readPools(conn);
      state.pools = pools;
      const ids = await seriesIds(
        pools.map((p) => ({ key: seriesKey.pool(hostId, p.name), kind: "pool" as const })),
      );
      for (const p of pools)
        rows.push({
          seriesId: ids.get(seriesKey.pool(hostId, p.name)) as number,
          t,
          point: pointOfSample(POOL_FIELDS.map((f) => p[f])),
        });
    }
    await db.$transaction((tx) => writePoints(0, rows, tx));
    const collectMs = performance.now() - started;
    now.hosts.set(hostId, { at, sample: host, collectMs, pools: state.pools });
    publish({
      type: "metrics",
      hostId,
      at,
      host,
      vms,
      ...(poolRound ? { pools: state.pools } : {}),
    });
    return collectMs;
  }

  /** The active pools' used and total bytes. */
  private async readPools(conn: Connection): Promise<PoolNow[]> {
    const pools = await conn.storage.listPools(ObjectListFlags.ACTIVE);
    const infos = await Promise.all(pools.map((p) => conn.storage.poolInfo(p)));
    return pools.map((p, i) => ({
      name: p.name,
      used: Number(infos[i]!.allocation),
      capacity: Number(infos[i]!.capacity),
    }));
  }
}

const KEY = Symbol.for("virtdeck.metrics-collector");
const store = globalThis as unknown as Record<symbol, MetricsCollector | undefined>;

export function installCollector(collector: MetricsCollector): void {
  store[KEY] = collector;
}

/** The process's collector (server.ts starts it), or null where none runs (tests, tools). */
export function metricsCollector(): MetricsCollector | null {
  return store[KEY] ?? null;
}
