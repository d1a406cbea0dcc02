/** Virtual networks: list, lookup, define, start/stop, autostart, XML, DHCP leases. */
import type { RpcClient } from "./client";
import { Feature } from "./protocol/constants";
import { CONNECT_SUPPORTS_FEATURE } from "./protocol/procedures/connect";
import * as P from "./protocol/procedures/network";
import type { NetworkRef } from "./protocol/types";

/** A DHCP lease (virsh net-dhcp-leases); expiry in seconds since the epoch. */
export interface DhcpLease {
  iface: string;
  expiryTime: number;
  type: "ipv4" | "ipv6";
  mac: string | null;
  iaid: string | null;
  ipaddr: string;
  prefix: number;
  hostname: string | null;
  clientid: string | null;
}

/** Network operations on one connection. */
/** One NETWORK_UPDATE: NetworkUpdateCommand, NetworkUpdateSection and NetworkUpdateFlags values. */
export interface NetworkUpdate {
  command: number;
  section: number;
  xml: string;
  flags: number;
  /** Which <ip> element of the network (-1: the first that fits). */
  parentIndex?: number;
}

export class NetworkApi {
  private correctUpdateOrder: Promise<boolean> | null = null;

  constructor(private readonly rpc: RpcClient) {}

  /**
   * Changes part of a network in place (virsh net-update): DHCP hosts, ranges, DNS entries.
   * Daemons without feature 16 expect command and section swapped on the wire (go-libvirt #148).
   */
  async update(net: NetworkRef, op: NetworkUpdate): Promise<void> {
    this.correctUpdateOrder ??= this.rpc
      .call(CONNECT_SUPPORTS_FEATURE, { feature: Feature.NETWORK_UPDATE_HAS_CORRECT_ORDER })
      .then((r) => r === 1);
    const correct = await this.correctUpdateOrder;
    await this.rpc.call(P.NETWORK_UPDATE, {
      net,
      command: correct ? op.command : op.section,
      section: correct ? op.section : op.command,
      parentIndex: op.parentIndex ?? -1,
      xml: op.xml,
      flags: op.flags,
    });
  }

  /** Networks; flags 1 inactive, 2 active (ObjectListFlags), 0 all. */
  async list(flags = 0): Promise<NetworkRef[]> {
    return (await this.rpc.call(P.CONNECT_LIST_ALL_NETWORKS, { needResults: 1, flags })).nets;
  }

  async lookupByName(name: string): Promise<NetworkRef> {
    return (await this.rpc.call(P.NETWORK_LOOKUP_BY_NAME, { name })).net;
  }

  async lookupByUuid(uuid: string): Promise<NetworkRef> {
    return (await this.rpc.call(P.NETWORK_LOOKUP_BY_UUID, { uuid })).net;
  }

  async define(xml: string): Promise<NetworkRef> {
    return (await this.rpc.call(P.NETWORK_DEFINE_XML, { xml })).net;
  }

  /** Creates and starts a transient network. */
  async createTransient(xml: string): Promise<NetworkRef> {
    return (await this.rpc.call(P.NETWORK_CREATE_XML, { xml })).net;
  }

  async start(net: NetworkRef): Promise<void> {
    await this.rpc.call(P.NETWORK_CREATE, { net });
  }

  async destroy(net: NetworkRef): Promise<void> {
    await this.rpc.call(P.NETWORK_DESTROY, { net });
  }

  async undefine(net: NetworkRef): Promise<void> {
    await this.rpc.call(P.NETWORK_UNDEFINE, { net });
  }

  getAutostart(net: NetworkRef): Promise<boolean> {
    return this.rpc.call(P.NETWORK_GET_AUTOSTART, { net });
  }

  async setAutostart(net: NetworkRef, on: boolean): Promise<void> {
    await this.rpc.call(P.NETWORK_SET_AUTOSTART, { net, autostart: on ? 1 : 0 });
  }

  isActive(net: NetworkRef): Promise<boolean> {
    return this.rpc.call(P.NETWORK_IS_ACTIVE, { net });
  }

  xml(net: NetworkRef, flags = 0): Promise<string> {
    return this.rpc.call(P.NETWORK_GET_XML_DESC, { net, flags });
  }

  bridgeName(net: NetworkRef): Promise<string> {
    return this.rpc.call(P.NETWORK_GET_BRIDGE_NAME, { net });
  }

  /** DHCP leases, optionally for one MAC address. */
  async dhcpLeases(net: NetworkRef, mac: string | null = null): Promise<DhcpLease[]> {
    const r = await this.rpc.call(P.NETWORK_GET_DHCP_LEASES, {
      net,
      mac,
      needResults: 1,
      flags: 0,
    });
    return r.leases.map((l) => ({
      iface: l.iface,
      expiryTime: Number(l.expirytime),
      type: l.type === 1 ? "ipv6" : "ipv4",
      mac: l.mac,
      iaid: l.iaid,
      ipaddr: l.ipaddr,
      prefix: l.prefix,
      hostname: l.hostname,
      clientid: l.clientid,
    }));
  }
}
