"use client";
// Usage now (the lists' columns and sparklines) and history (the graphs), kept current from the
// hosts' collection rounds on /ws/events: a round replaces the usage of its host's VMs (a VM not
// in it no longer runs there) and appends the newest point to an hour graph that is open.
import { type QueryClient, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import type { ServerMessage } from "@/lib/live/messages";
import type { PoolNow, VmNow } from "@/lib/metrics/current";
import type { HostSample, SeriesKind } from "@/lib/metrics/fields";
import type { Consolidation, MetricRange, SeriesHistory } from "@/lib/metrics/tiers";
import { fetchJson } from "./fetch-json";
import { useLiveEvents } from "./live-socket";

export const metricKeys = {
  now: ["metrics", "now"] as const,
  history: (kind: SeriesKind, id: string, range: MetricRange, cf: Consolidation) =>
    ["metrics", kind, id, range, cf] as const,
};

/** How many recent CPU values a sparkline shows. */
const TRAIL = 24;

export interface UsageNow {
  interval: number;
  vms: Record<string, VmNow>;
  hosts: Record<string, { at: number; sample: HostSample; pools: PoolNow[] }>;
}

type MetricsMessage = Extract<ServerMessage, { type: "metrics" }>;

/** One host's round applied to the usage of now (pure). */
export function withRound(now: UsageNow, m: MetricsMessage): UsageNow {
  const vms = { ...now.vms };
  for (const [uuid, vm] of Object.entries(vms)) if (vm.hostId === m.hostId) delete vms[uuid];
  for (const { uuid, id, name, sample } of m.vms) {
    const before = now.vms[uuid];
    const trail = before?.hostId === m.hostId ? before.cpuTrail : [];
    vms[uuid] = {
      id,
      name,
      hostId: m.hostId,
      at: m.at,
      sample,
      cpuTrail: [...trail, sample.cpu].slice(-TRAIL),
    };
  }
  const hosts = { ...now.hosts };
  if (m.host)
    hosts[m.hostId] = { at: m.at, sample: m.host, pools: m.pools ?? hosts[m.hostId]?.pools ?? [] };
  return { ...now, vms, hosts };
}

function applyRounds(client: QueryClient, messages: MetricsMessage[]) {
  client.setQueryData<UsageNow>(metricKeys.now, (now) =>
    now ? messages.reduce(withRound, now) : now,
  );
  for (const message of messages) appendToGraphs(client, message);
}

function appendToGraphs(client: QueryClient, message: MetricsMessage) {
  // The newest point of an hour graph (the finest tier) that is open.
  const append = (kind: SeriesKind, id: string, values: Record<string, number | null>) => {
    for (const cf of ["avg", "max"] as const)
      client.setQueryData<SeriesHistory>(metricKeys.history(kind, id, "hour", cf), (h) => {
        if (!h) return h;
        const t = Math.floor(message.at / 1000 / h.step) * h.step;
        if (h.t.length && (h.t[h.t.length - 1] as number) >= t) return h;
        const keep = h.t.findIndex((x) => x > t - 3600);
        const from = keep === -1 ? h.t.length : keep;
        return {
          ...h,
          to: t,
          from: t - 3600,
          t: [...h.t.slice(from), t],
          values: Object.fromEntries(
            Object.entries(h.values).map(([f, list]) => [
              f,
              [...list.slice(from), values[f] ?? null],
            ]),
          ),
        };
      });
  };
  for (const { uuid, sample } of message.vms) append("vm", uuid, sample);
  if (message.host) append("host", message.hostId, message.host);
}

/**
 * Rounds arrive per host (with 50 hosts, ten a second): they are applied together at most once
 * a second, so a row of the list re-renders at most once a second however many hosts report.
 */
const FLUSH_MS = 1000;
const waiting = new Map<QueryClient, MetricsMessage[]>();

function applyRound(client: QueryClient, message: ServerMessage) {
  if (message.type === "hello") void client.invalidateQueries({ queryKey: metricKeys.now });
  if (message.type !== "metrics") return;
  const queue = waiting.get(client);
  // Every mounted listener hears the same message object: take it once.
  if (queue) return void (queue.includes(message) || queue.push(message));
  waiting.set(client, [message]);
  setTimeout(() => {
    const batch = waiting.get(client) ?? [];
    waiting.delete(client);
    applyRounds(client, batch);
  }, FLUSH_MS);
}

/** Keeps usage and open hour graphs current while mounted. */
export function useLiveMetrics(): void {
  const client = useQueryClient();
  const listener = useCallback((m: ServerMessage) => applyRound(client, m), [client]);
  useLiveEvents(listener);
}

export function useUsageNow() {
  useLiveMetrics();
  return useQuery({
    queryKey: metricKeys.now,
    queryFn: () => fetchJson<UsageNow>("/api/v1/metrics/now"),
  });
}

/** A VM's (by UUID: its history follows it across hosts) or a host's history over a range. */
export function useMetricHistory(
  kind: Exclude<SeriesKind, "pool">,
  id: string,
  apiId: string,
  range: MetricRange,
  cf: Consolidation,
) {
  useLiveMetrics();
  const base = kind === "vm" ? `/api/v1/vms/${apiId}` : `/api/v1/hosts/${apiId}`;
  return useQuery({
    queryKey: metricKeys.history(kind, id, range, cf),
    queryFn: async () =>
      (await fetchJson<{ history: SeriesHistory }>(`${base}/metrics?range=${range}&cf=${cf}`))
        .history,
    // Coarser ranges gain a point a minute or slower: read them again now and then.
    refetchInterval: range === "hour" ? false : 60_000,
  });
}
