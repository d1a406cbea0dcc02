import { describe, expect, it } from "vitest";
import { exposition } from "@/lib/metrics/prometheus";

describe("the Prometheus exposition", () => {
  const text = exposition(
    [
      [
        "5f1d7a3e-8c2b-4d61-9e0a-7d1ab0c0ffee",
        {
          hostId: "h1",
          name: 'web"1',
          stats: {
            "cpu.time": 12_500_000_000n,
            "vcpu.current": 2,
            "balloon.current": 131072n,
            "balloon.maximum": 262144n,
            "block.count": 1,
            "block.0.name": "vda",
            "block.0.wr.bytes": 4096n,
            "net.count": 1,
            "net.0.name": "vnet0",
            "net.0.rx.bytes": 10n,
          },
        },
      ],
    ],
    [
      { id: "h1", name: "kvm1", online: true, collectMs: 12 },
      { id: "h2", name: "kvm2", online: false, collectMs: null },
    ],
  );
  const base = 'domain="web\\"1",uuid="5f1d7a3e-8c2b-4d61-9e0a-7d1ab0c0ffee",host="kvm1"';
  it("uses the libvirt exporter's names and labels, counters as libvirt counts them", () => {
    expect(text).toContain(`libvirt_domain_info_cpu_time_seconds_total{${base}} 12.5\n`);
    expect(text).toContain(`libvirt_domain_info_virtual_cpus{${base}} 2\n`);
    expect(text).toContain(`libvirt_domain_info_memory_usage_bytes{${base}} 134217728\n`);
    expect(text).toContain(`libvirt_domain_info_maximum_memory_bytes{${base}} 268435456\n`);
    expect(text).toContain(
      `libvirt_domain_block_stats_write_bytes_total{${base},target_device="vda"} 4096\n`,
    );
    expect(text).toContain(
      `libvirt_domain_interface_stats_receive_bytes_total{${base},target_device="vnet0"} 10\n`,
    );
    expect(text).toContain("# TYPE libvirt_domain_info_cpu_time_seconds_total counter\n");
    expect(text).toContain('libvirt_up{host="kvm1"} 1\nlibvirt_up{host="kvm2"} 0\n');
    expect(text).toContain('virtdeck_collector_duration_seconds{host="kvm1"} 0.012\n');
  });

  it("leaves out what libvirt did not report (no read counter: no read sample)", () => {
    expect(text).not.toMatch(/read_bytes_total\{/);
    expect(text.endsWith("\n")).toBe(true);
  });
});
