// Reading metrics: a VM's or a host's history over a range (the graphs), and the usage of
// everything the caller may see right now (the lists' columns and sparklines).
import { z } from "zod";
import { operation } from "@/lib/access/operation";
import { host, vm } from "@/lib/access/targets";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { connectionManager } from "@/lib/hosts/connection-manager";
import { metricsCollector } from "./collector";
import { metricsNow } from "./current";
import { exposition } from "./prometheus";
import { readHistory, seriesKey } from "./store";
import { RANGES, tiersFor } from "./tiers";

const historyInput = z.object({
  id: z.string().min(1).max(64),
  range: z
    .enum(Object.keys(RANGES) as [keyof typeof RANGES, ...(keyof typeof RANGES)[]], {
      error: `range must be one of ${Object.keys(RANGES).join(", ")}`,
    })
    .default("hour"),
  cf: z.enum(["avg", "max"], { error: "cf must be avg or max" }).default("avg"),
});

function tiers() {
  return metricsCollector()?.tiers ?? tiersFor(env.VIRTDECK_METRICS_INTERVAL);
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

export const vmMetricsOp = operation({
  name: "vm.metrics",
  summary:
    "The VM's CPU, memory, disk and network history over range (hour, day, week, month, year), average or maximum (cf)",
  input: historyInput,
  access: { privilege: "VM.Audit", on: "vm", target: (i: { id: string }) => vm(i.id) },
  audit: false,
  run: async ({ range, cf }, { target }) => {
    if (target?.object.kind !== "vm") throw new AppError("not_found", "No such VM");
    const uuid = target.object.uuid;
    return {
      history: await readHistory(seriesKey.vm(uuid), "vm", range, cf, tiers(), nowSeconds()),
    };
  },
});

export const hostMetricsOp = operation({
  name: "host.metrics",
  summary:
    "The host's CPU, memory and running-VM history over range (hour, day, week, month, year), average or maximum (cf)",
  input: historyInput,
  access: { privilege: "Host.Audit", on: "host", target: (i: { id: string }) => host(i.id) },
  audit: false,
  run: async ({ id, range, cf }) => ({
    history: await readHistory(seriesKey.host(id), "host", range, cf, tiers(), nowSeconds()),
  }),
});

export const metricsNowOp = operation({
  name: "metrics.now",
  summary:
    "The latest usage of every running VM and online host you may see, with each VM's recent CPU trail",
  input: z.object({}),
  access: { filtered: "VM.Audit", describe: "Any signed-in user; the VMs and hosts they may see" },
  audit: false,
  run: async (_input, { access }) => {
    const now = metricsNow();
    return {
      interval: tiers()[0]?.step ?? env.VIRTDECK_METRICS_INTERVAL,
      vms: Object.fromEntries(
        [...now.vms].filter(([uuid, v]) => access.seesVm({ hostId: v.hostId, uuid })),
      ),
      hosts: Object.fromEntries(
        [...now.hosts]
          .filter(([hostId]) => access.seesHost(hostId))
          .map(([hostId, h]) => [hostId, { at: h.at, sample: h.sample, pools: h.pools }]),
      ),
    };
  },
});

export const prometheusScrapeOp = operation({
  name: "metrics.scrape",
  summary:
    "Prometheus text exposition of the last collection round (libvirt exporter names), for a scrape token",
  input: z.object({}),
  access: {
    filtered: "VM.Audit",
    describe:
      "Any signed-in user or token; the VMs and hosts it may see (a read-only scrape token: Auditor)",
  },
  audit: false,
  run: async (_input, { access }) => {
    const now = metricsNow();
    const hosts = (await db.host.findMany({ select: { id: true, name: true } }))
      .filter((h) => access.seesHost(h.id))
      .map((h) => ({
        id: h.id,
        name: h.name,
        online: connectionManager().status(h.id)?.status === "online",
        collectMs: now.hosts.get(h.id)?.collectMs ?? null,
      }));
    const vms = [...now.raw].filter(([uuid, v]) => access.seesVm({ hostId: v.hostId, uuid }));
    return { text: exposition(vms, hosts) };
  },
});
