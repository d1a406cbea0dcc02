import { describe, expect, it } from "vitest";
import { hostRates, vmCounters, vmRates } from "@/lib/metrics/rates";

const stats = (cpuNs: number, wr: number, extra: Record<string, number | bigint> = {}) => ({
  "cpu.time": BigInt(cpuNs),
  "vcpu.current": 2,
  "balloon.available": 100_000,
  "balloon.unused": 40_000,
  "block.count": 2,
  "block.0.wr.bytes": BigInt(wr),
  "block.1.wr.bytes": 1000n,
  "block.0.rd.reqs": 5n,
  "net.count": 1,
  "net.0.rx.bytes": 2000n,
  ...extra,
});

describe("VM rates", () => {
  it("CPU as % of the VM's vCPUs, bytes/s summed over disks, memory as the guest uses it", () => {
    const a = vmCounters(stats(0, 0), 7, 10_000);
    const b = vmCounters(stats(5e9, 10 * 1024 * 1024), 7, 15_000);
    const s = vmRates(a, b)!;
    expect(s.cpu).toBeCloseTo(50); // 1 s of CPU per second over 2 vCPUs
    expect(s.diskWrite).toBeCloseTo((10 * 1024 * 1024) / 5);
    expect(s.diskReadOps).toBe(0);
    expect(s.netRx).toBe(0);
    expect(s.netTx).toBeNull(); // not reported: unknown, not zero
    expect(s.memUsed).toBe(60_000 * 1024);
  });

  it("a restart (new domain id), a first sample or a counter going back gives no rate", () => {
    const a = vmCounters(stats(9e9, 5000), 7, 10_000);
    expect(vmRates(undefined, a)).toBeNull();
    expect(vmRates(a, vmCounters(stats(1e9, 10), 8, 15_000))).toBeNull();
    const back = vmRates(a, vmCounters(stats(10e9, 10), 7, 15_000))!;
    expect(back.diskWrite).toBeNull();
    expect(back.cpu).toBeCloseTo(10);
  });

  it("memory falls back to QEMU's RSS without balloon statistics, else unknown", () => {
    expect(vmCounters({ "balloon.rss": 2048n }, 1, 0).memUsed).toBe(2048 * 1024);
    expect(vmCounters({}, 1, 0).memUsed).toBeNull();
  });
});

describe("host rates", () => {
  const cpu = (busy: number, idle: number) => ({
    user: BigInt(busy),
    kernel: 0n,
    idle: BigInt(idle),
    iowait: 0n,
  });
  const memory = { total: 1000n, free: 200n, buffers: 100n, cached: 100n };
  it("CPU % from busy over all time; memory used without buffers and cache", () => {
    const a = { at: 0, cpu: cpu(0, 0), memory, vmsRunning: 1 };
    const b = { at: 5000, cpu: cpu(3e9, 7e9), memory, vmsRunning: 2 };
    expect(hostRates(undefined, a).cpu).toBeNull();
    const s = hostRates(a, b);
    expect(s.cpu).toBeCloseTo(30);
    expect(s.memUsed).toBe(600 * 1024);
    expect(s.memTotal).toBe(1000 * 1024);
    expect(s.vmsRunning).toBe(2);
  });
});
