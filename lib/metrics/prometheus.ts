// The Prometheus text exposition of what the collector read in its last round, with the metric
// and label names of the community libvirt exporter (kumina/libvirt_exporter and its forks), so
// existing Grafana dashboards work: libvirt_domain_info_…, …_block_stats_…, …_interface_stats_…,
// labelled domain, uuid and host. Counters are libvirt's own (Prometheus takes rate() of them);
// a scrape never calls a host, so scraping often costs the hosts nothing.
import type { VmRaw } from "./current";
import { num, type Stats } from "./rates";

interface Family {
  name: string;
  help: string;
  type: "counter" | "gauge";
  samples: string[];
}

function escapeLabel(v: string): string {
  return v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

function labels(pairs: Record<string, string>): string {
  return `{${Object.entries(pairs)
    .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
    .join(",")}}`;
}

const DOMAIN: [string, string, Family["type"], (s: Stats) => number | null][] = [
  [
    "libvirt_domain_info_cpu_time_seconds_total",
    "CPU time the domain used, in seconds",
    "counter",
    (s) => {
      const ns = num(s["cpu.time"]);
      return ns === null ? null : ns / 1e9;
    },
  ],
  [
    "libvirt_domain_info_virtual_cpus",
    "Number of virtual CPUs of the domain",
    "gauge",
    (s) => num(s["vcpu.current"]),
  ],
  [
    "libvirt_domain_info_memory_usage_bytes",
    "Memory the domain has now (its balloon), in bytes",
    "gauge",
    (s) => {
      const k = num(s["balloon.current"]);
      return k === null ? null : k * 1024;
    },
  ],
  [
    "libvirt_domain_info_maximum_memory_bytes",
    "Maximum memory of the domain, in bytes",
    "gauge",
    (s) => {
      const k = num(s["balloon.maximum"]);
      return k === null ? null : k * 1024;
    },
  ],
];

const DEVICES: [string, "block" | "net", string, string][] = [
  [
    "libvirt_domain_block_stats_read_bytes_total",
    "block",
    "rd.bytes",
    "Bytes read from a block device",
  ],
  [
    "libvirt_domain_block_stats_read_requests_total",
    "block",
    "rd.reqs",
    "Read requests of a block device",
  ],
  [
    "libvirt_domain_block_stats_write_bytes_total",
    "block",
    "wr.bytes",
    "Bytes written to a block device",
  ],
  [
    "libvirt_domain_block_stats_write_requests_total",
    "block",
    "wr.reqs",
    "Write requests of a block device",
  ],
  [
    "libvirt_domain_interface_stats_receive_bytes_total",
    "net",
    "rx.bytes",
    "Bytes received on a network interface",
  ],
  [
    "libvirt_domain_interface_stats_receive_packets_total",
    "net",
    "rx.pkts",
    "Packets received on a network interface",
  ],
  [
    "libvirt_domain_interface_stats_transmit_bytes_total",
    "net",
    "tx.bytes",
    "Bytes sent on a network interface",
  ],
  [
    "libvirt_domain_interface_stats_transmit_packets_total",
    "net",
    "tx.pkts",
    "Packets sent on a network interface",
  ],
];

export interface ScrapeHost {
  id: string;
  name: string;
  online: boolean;
  collectMs: number | null;
}

/** The exposition of these VMs (uuid → raw counters) and hosts. */
export function exposition(vms: [string, VmRaw][], hosts: ScrapeHost[]): string {
  const hostName = new Map(hosts.map((h) => [h.id, h.name]));
  const families: Family[] = [
    {
      name: "libvirt_up",
      help: "Whether Virtdeck's connection to the host is up (1) or not (0)",
      type: "gauge",
      samples: hosts.map((h) => `libvirt_up${labels({ host: h.name })} ${h.online ? 1 : 0}`),
    },
    {
      name: "virtdeck_collector_duration_seconds",
      help: "How long the last collection round of the host took",
      type: "gauge",
      samples: hosts.flatMap((h) =>
        h.collectMs === null
          ? []
          : [
              `virtdeck_collector_duration_seconds${labels({ host: h.name })} ${h.collectMs / 1000}`,
            ],
      ),
    },
  ];
  const base = (uuid: string, vm: VmRaw) => ({
    domain: vm.name,
    uuid,
    host: hostName.get(vm.hostId) ?? vm.hostId,
  });
  for (const [name, help, type, read] of DOMAIN)
    families.push({
      name,
      help,
      type,
      samples: vms.flatMap(([uuid, vm]) => {
        const v = read(vm.stats);
        return v === null ? [] : [`${name}${labels(base(uuid, vm))} ${v}`];
      }),
    });
  for (const [name, prefix, field, help] of DEVICES)
    families.push({
      name,
      help,
      type: "counter",
      samples: vms.flatMap(([uuid, vm]) => {
        const count = num(vm.stats[`${prefix}.count`]) ?? 0;
        const out: string[] = [];
        for (let i = 0; i < count; i++) {
          const v = num(vm.stats[`${prefix}.${i}.${field}`]);
          const device = vm.stats[`${prefix}.${i}.name`];
          if (v !== null && typeof device === "string")
            out.push(`${name}${labels({ ...base(uuid, vm), target_device: device })} ${v}`);
        }
        return out;
      }),
    });
  return `${families
    .map((f) =>
      [`# HELP ${f.name} ${f.help}`, `# TYPE ${f.name} ${f.type}`, ...f.samples].join("\n"),
    )
    .join("\n")}\n`;
}
