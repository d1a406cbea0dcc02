import { describe, expect, it } from "vitest";
import type { VmSample } from "@/lib/metrics/fields";
import { type UsageNow, withRound } from "@/lib/queries/metrics";

const sample = (cpu: number) => ({ cpu }) as VmSample;
const round = (hostId: string, at: number, vms: [string, number][], host = true) => ({
  type: "metrics" as const,
  hostId,
  at,
  host: host ? { cpu: 1, memUsed: 1, memTotal: 2, vmsRunning: vms.length } : null,
  vms: vms.map(([uuid, cpu]) => ({ uuid, id: `id-${uuid}`, name: uuid, sample: sample(cpu) })),
});

describe("a host's round in the browser's usage of now", () => {
  it("replaces that host's VMs (one gone is no longer running there) and grows their trails", () => {
    let now: UsageNow = { interval: 5, vms: {}, hosts: {} };
    now = withRound(
      now,
      round("h1", 1, [
        ["a", 10],
        ["b", 20],
      ]),
    );
    now = withRound(now, round("h2", 1, [["c", 30]]));
    now = withRound(now, round("h1", 2, [["a", 11]]));
    expect(Object.keys(now.vms).sort()).toEqual(["a", "c"]);
    expect(now.vms.a?.cpuTrail).toEqual([10, 11]);
    expect(now.vms.c?.cpuTrail).toEqual([30]);
    expect(now.hosts.h1?.sample.vmsRunning).toBe(1);
  });

  it("starts a moved VM's trail afresh and keeps a host it may not see out", () => {
    let now: UsageNow = { interval: 5, vms: {}, hosts: {} };
    now = withRound(now, round("h1", 1, [["a", 10]]));
    now = withRound(now, round("h2", 2, [["a", 50]], false));
    expect(now.vms.a).toMatchObject({ hostId: "h2", cpuTrail: [50] });
    expect(now.hosts.h2).toBeUndefined();
  });
});
