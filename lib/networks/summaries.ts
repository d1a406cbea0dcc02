// The shapes of networks as pages, the JSON API and the live stream show them.
import type { DhcpHostEntry, NetworkKindWord } from "@/lib/xml/parse-network";

export interface NetworkVm {
  id: string;
  name: string;
  state: string;
}

export interface NetworkSummary {
  hostId: string;
  hostName: string;
  name: string;
  uuid: string;
  kind: NetworkKindWord;
  forwardMode: string | null;
  bridge: string | null;
  subnet: string | null;
  gateway: string | null;
  dhcpRange: { start: string; end: string } | null;
  ipv6: string | null;
  domain: string | null;
  active: boolean;
  autostart: boolean;
  persistent: boolean;
  /** VMs of the inventory with a NIC on this network. */
  vms: NetworkVm[];
}

export interface LeaseRow {
  mac: string | null;
  ip: string;
  prefix: number;
  hostname: string | null;
  /** ISO time. */
  expiresAt: string;
  vm: { id: string; name: string } | null;
}

export interface NetworkDetail extends NetworkSummary {
  dhcpHosts: DhcpHostEntry[];
  leases: LeaseRow[];
  xml: string;
}

/** One host's networks, or why they could not be read (offline, not answering). */
export interface HostNetworks {
  hostId: string;
  hostName: string;
  status: string;
  error: string | null;
  networks: NetworkSummary[];
}
