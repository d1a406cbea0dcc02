// Reads what the inventory shows out of a libvirt domain XML.
import type { DiskSummary, GraphicsSummary, NicSummary } from "@/lib/inventory/summaries";
import { attr, child, children, parseXml, text } from "./parse";

export interface ParsedDomain {
  name: string;
  uuid: string;
  type: string | null;
  title: string | null;
  description: string | null;
  vcpus: number;
  memoryKiB: number;
  osHint: string | null;
  /** The libosinfo id in the domain's metadata (virt-install and Virtdeck write it). */
  osinfoId: string | null;
  disks: DiskSummary[];
  nics: Omit<NicSummary, "ips">[];
  graphics: GraphicsSummary[];
  /** <os><boot dev=…/> in order ("hd", "cdrom", "network"); empty when devices carry the order. */
  boot: string[];
}

const UNIT_TO_KIB: Record<string, number> = {
  b: 1 / 1024,
  bytes: 1 / 1024,
  k: 1,
  kib: 1,
  kb: 1000 / 1024,
  m: 1024,
  mib: 1024,
  mb: 1e6 / 1024,
  g: 1024 ** 2,
  gib: 1024 ** 2,
  gb: 1e9 / 1024,
  t: 1024 ** 3,
  tib: 1024 ** 3,
};

function kib(node: unknown, name: string): number {
  const value = Number(text(node, name) ?? 0);
  const unit = (attr(child(node, name), "unit") ?? "KiB").toLowerCase();
  return Math.round(value * (UNIT_TO_KIB[unit] ?? 1));
}

function osinfoId(domain: unknown): string | null {
  const osinfo = child(child(domain, "metadata"), "libosinfo:libosinfo");
  return attr(child(osinfo, "libosinfo:os"), "id");
}

function osHint(domain: unknown): string | null {
  const id = osinfoId(domain);
  if (id) return id.replace(/^https?:\/\/[^/]+\//, "");
  const os = child(domain, "os");
  return child(os, "kernel") && text(os, "kernel") ? "direct kernel boot" : null;
}

export function parseDomainXml(xml: string): ParsedDomain {
  const domain = child(parseXml(xml), "domain");
  const devices = child(domain, "devices");
  return {
    name: text(domain, "name") ?? "",
    uuid: text(domain, "uuid") ?? "",
    type: attr(domain, "type"),
    title: text(domain, "title"),
    description: text(domain, "description"),
    vcpus: Number(text(domain, "vcpu") ?? 0),
    memoryKiB: kib(domain, "memory"),
    osHint: osHint(domain),
    osinfoId: osinfoId(domain),
    disks: children(devices, "disk").map((d) => {
      const source = child(d, "source");
      return {
        target: attr(child(d, "target"), "dev") ?? "",
        device: attr(d, "device") ?? "disk",
        source:
          attr(source, "file") ??
          attr(source, "dev") ??
          (attr(source, "volume") ? `${attr(source, "pool")}/${attr(source, "volume")}` : null),
        bus: attr(child(d, "target"), "bus"),
        format: attr(child(d, "driver"), "type"),
      };
    }),
    nics: children(devices, "interface").map((i) => {
      const source = child(i, "source");
      return {
        mac: (attr(child(i, "mac"), "address") ?? "").toLowerCase(),
        type: attr(i, "type") ?? "",
        source: attr(source, "network") ?? attr(source, "bridge") ?? attr(source, "dev"),
        model: attr(child(i, "model"), "type"),
      };
    }),
    boot: children(child(domain, "os"), "boot")
      .map((b) => attr(b, "dev") ?? "")
      .filter(Boolean),
    graphics: children(devices, "graphics").map((g) => {
      const port = Number(attr(g, "port"));
      return {
        type: attr(g, "type") ?? "",
        port: Number.isFinite(port) && port > 0 ? port : null,
        listen: attr(g, "listen") ?? attr(child(g, "listen"), "address"),
      };
    }),
  };
}
