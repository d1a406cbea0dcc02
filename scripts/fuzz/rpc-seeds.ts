// Valid packets a libvirt daemon sends, encoded with lib/libvirt's own codecs: replies to the
// calls Virtdeck makes (each with the API call that asks for it), an error reply, every event
// message the client decodes, keepalive, and stream packets. The fuzzer mutates these.
import type { Connection } from "@/lib/libvirt";
import { keepalivePacket } from "@/lib/libvirt/keepalive";
import { KeepaliveProc, PacketType, Program, Status } from "@/lib/libvirt/protocol/constants";
import {
  encodePacket,
  finishPacket,
  remoteError,
  startPacket,
} from "@/lib/libvirt/protocol/packet";
import type { Procedure } from "@/lib/libvirt/protocol/procedure";
import * as C from "@/lib/libvirt/protocol/procedures/connect";
import * as D from "@/lib/libvirt/protocol/procedures/domain";
import { EventMessage } from "@/lib/libvirt/protocol/procedures/events";
import * as N from "@/lib/libvirt/protocol/procedures/network";
import * as J from "@/lib/libvirt/protocol/procedures/snapshot";
import * as S from "@/lib/libvirt/protocol/procedures/storage";
import { TypedParamType } from "@/lib/libvirt/protocol/types";
import type { Codec } from "@/lib/libvirt/xdr/codec";
import { remoteErrorValue, streamError } from "../../tests/unit/libvirt/support/packets";

const dom = { name: "vd-tiny", uuid: "5f1d7a3e-8c2b-4d61-9e0a-7d1ab0c0ffee", id: 1 };
const net = { name: "vd-lab-nat", uuid: "0c8e1b7a-3f5d-4e2a-9b61-2d7c4e8f1a03" };
const pool = { name: "default", uuid: "7a1f3c5e-2b4d-4f6a-8c9e-1d3b5f7a9c2e" };
const vol = { pool: "default", name: "disk0.qcow2", key: "/var/lib/libvirt/images/disk0.qcow2" };

/** One reply the client may receive, and the API call that makes the client wait for it. */
export interface ReplySeed {
  name: string;
  proc: Procedure<unknown, unknown>;
  value: unknown;
  call: (conn: Connection) => Promise<unknown>;
}

function seed<A, R>(
  name: string,
  proc: Procedure<A, R>,
  value: R,
  call: (conn: Connection) => Promise<unknown>,
): ReplySeed {
  return { name, proc: proc as Procedure<unknown, unknown>, value, call };
}

const every = (type: number, value: unknown) => ({ type, value });

export const REPLY_SEEDS: readonly ReplySeed[] = [
  seed("hostname", C.CONNECT_GET_HOSTNAME, "virtdeck-lab1", (c) => c.host.hostname()),
  seed("lib version", C.CONNECT_GET_LIB_VERSION, 9_000_000, (c) => c.host.libVersion()),
  seed("capabilities", C.CONNECT_GET_CAPABILITIES, "<capabilities><host/></capabilities>", (c) =>
    c.host.capabilities(),
  ),
  seed(
    "node info",
    C.NODE_GET_INFO,
    {
      model: "x86_64",
      memory: 24_683_520,
      cpus: 2,
      mhz: 2400,
      nodes: 1,
      sockets: 1,
      cores: 2,
      threads: 1,
    },
    (c) => c.host.nodeInfo(),
  ),
  seed("cells free memory", C.NODE_GET_CELLS_FREE_MEMORY, [1 << 30, 1 << 29], (c) =>
    c.host.cellsFreeMemory(),
  ),
  seed(
    "domain list",
    D.CONNECT_LIST_ALL_DOMAINS,
    { domains: [dom, { ...dom, name: "web1", id: -1 }], ret: 2 },
    (c) => c.domains.list(),
  ),
  seed(
    "domain info",
    D.DOMAIN_GET_INFO,
    { state: 1, maxMem: 131_072, memory: 131_072, nrVirtCpu: 1, cpuTime: 123_456_789_012n },
    (c) => c.domains.info(dom),
  ),
  seed("domain state", D.DOMAIN_GET_STATE, { state: 1, reason: 1 }, (c) => c.domains.state(dom)),
  seed(
    "domain xml",
    D.DOMAIN_GET_XML_DESC,
    "<domain type='kvm'><name>vd-tiny</name></domain>",
    (c) => c.domains.xml(dom),
  ),
  seed("domain autostart", D.DOMAIN_GET_AUTOSTART, true, (c) => c.domains.getAutostart(dom)),
  seed(
    "all domain stats",
    D.CONNECT_GET_ALL_DOMAIN_STATS,
    {
      records: [
        {
          dom,
          params: [
            { field: "state.state", ...every(TypedParamType.INT, 1) },
            { field: "balloon.current", ...every(TypedParamType.ULLONG, 131_072n) },
            { field: "cpu.time", ...every(TypedParamType.ULLONG, 98_765_432_100n) },
            { field: "vcpu.current", ...every(TypedParamType.UINT, 1) },
            { field: "net.0.rx.bytes", ...every(TypedParamType.LLONG, 4_096n) },
            { field: "block.0.fl.times", ...every(TypedParamType.DOUBLE, 0.5) },
            { field: "dirtyrate.calc_status", ...every(TypedParamType.BOOLEAN, false) },
            { field: "block.0.name", ...every(TypedParamType.STRING, "vda") },
          ],
        },
      ],
    },
    (c) => c.domainExtras.allStats(),
  ),
  seed(
    "interface addresses",
    D.DOMAIN_INTERFACE_ADDRESSES,
    {
      ifaces: [
        {
          name: "vnet0",
          hwaddr: "52:54:00:7d:1a:01",
          addrs: [{ type: 0, addr: "10.177.0.23", prefix: 16 }],
        },
      ],
    },
    (c) => c.domainExtras.interfaceAddresses(dom),
  ),
  seed(
    "memory stats",
    D.DOMAIN_MEMORY_STATS,
    {
      stats: [
        { tag: 6, val: 131_072n },
        { tag: 7, val: 20_000n },
      ],
    },
    (c) => c.domainExtras.memoryStats(dom),
  ),
  seed(
    "job stats",
    J.DOMAIN_GET_JOB_STATS,
    {
      type: 3,
      params: [
        { field: "operation", ...every(TypedParamType.INT, 4) },
        { field: "memory_total", ...every(TypedParamType.ULLONG, 152_043_520n) },
      ],
    },
    (c) => c.domainExtras.jobStats(dom),
  ),
  seed(
    "snapshot list",
    J.DOMAIN_LIST_ALL_SNAPSHOTS,
    { snapshots: [{ name: "before-upgrade", dom }], ret: 1 },
    (c) => c.snapshots.list(dom),
  ),
  seed("network list", N.CONNECT_LIST_ALL_NETWORKS, { nets: [net], ret: 1 }, (c) =>
    c.networks.list(),
  ),
  seed(
    "dhcp leases",
    N.NETWORK_GET_DHCP_LEASES,
    {
      leases: [
        {
          iface: "vdlab0",
          expirytime: 1_767_225_600n,
          type: 0,
          mac: "52:54:00:7d:1a:01",
          iaid: null,
          ipaddr: "10.177.0.23",
          prefix: 16,
          hostname: "vd-tiny",
          clientid: "01:52:54:00:7d:1a:01",
        },
      ],
      ret: 1,
    },
    (c) => c.networks.dhcpLeases(net),
  ),
  seed("pool list", S.CONNECT_LIST_ALL_STORAGE_POOLS, { pools: [pool], ret: 1 }, (c) =>
    c.storage.listPools(),
  ),
  seed(
    "pool info",
    S.STORAGE_POOL_GET_INFO,
    { state: 2, capacity: 107_374_182_400, allocation: 1 << 30, available: 106_300_440_576 },
    (c) => c.storage.poolInfo(pool),
  ),
  seed("volume list", S.STORAGE_POOL_LIST_ALL_VOLUMES, { vols: [vol], ret: 1 }, (c) =>
    c.storage.listVolumes(pool),
  ),
  seed(
    "volume info",
    S.STORAGE_VOL_GET_INFO,
    { type: 0, capacity: 1 << 30, allocation: 200_704 },
    (c) => c.storage.volumeInfo(vol),
  ),
];

/** The valid REPLY OK for `seed` on `serial`. */
export function replyPacket(s: ReplySeed, serial: number): Buffer {
  const h = {
    prog: s.proc.prog,
    proc: s.proc.proc,
    type: PacketType.REPLY,
    serial,
    status: Status.OK,
  };
  return encodePacket(h, s.proc.ret, s.value);
}

/** A REPLY ERROR with every field of remote_error filled, as libvirtd sends for a missing domain. */
export function errorPacket(proc: number, serial: number): Buffer {
  const h = { prog: Program.REMOTE, proc, type: PacketType.REPLY, serial, status: Status.ERROR };
  return encodePacket(
    h,
    remoteError,
    remoteErrorValue({
      code: 42,
      domain: 10,
      message: "Domain not found: no domain with matching name 'x'",
      str1: "Domain not found: %s",
      str2: "x",
    }),
  );
}

/** Every event MESSAGE the client decodes, for callback ID `callbackID` (events carry serial 1). */
export function eventPackets(callbackID: number): Buffer[] {
  const M = EventMessage;
  const msg = <T>(proc: number, codec: Codec<T>, value: T) =>
    encodePacket(
      { prog: Program.REMOTE, proc, type: PacketType.MESSAGE, serial: 1, status: Status.OK },
      codec,
      value,
    );
  return [
    msg(M.DOMAIN_LIFECYCLE.proc, M.DOMAIN_LIFECYCLE.body, { callbackID, dom, event: 2, detail: 0 }),
    msg(M.DOMAIN_REBOOT.proc, M.DOMAIN_REBOOT.body, { callbackID, dom }),
    msg(M.DOMAIN_DEVICE_ADDED.proc, M.DOMAIN_DEVICE_ADDED.body, {
      callbackID,
      dom,
      devAlias: "net1",
    }),
    msg(M.DOMAIN_DEVICE_REMOVED.proc, M.DOMAIN_DEVICE_REMOVED.body, {
      callbackID,
      dom,
      devAlias: "virtio-disk1",
    }),
    msg(M.NETWORK_LIFECYCLE.proc, M.NETWORK_LIFECYCLE.body, {
      callbackID,
      net,
      event: 2,
      detail: 0,
    }),
    msg(M.STORAGE_POOL_LIFECYCLE.proc, M.STORAGE_POOL_LIFECYCLE.body, {
      callbackID,
      pool,
      event: 2,
      detail: 0,
    }),
  ];
}

/** A STREAM packet on `serial`: CONTINUE with data (empty is EOF), OK, or ERROR. */
export function streamPacket(proc: number, serial: number, status: number, data?: Buffer): Buffer {
  const w = startPacket({ prog: Program.REMOTE, proc, type: PacketType.STREAM, serial, status });
  if (data) w.raw(data);
  return finishPacket(w);
}

/** A STREAM ERROR carrying a remote_error (the console was taken over). */
export function streamErrorPacket(proc: number, serial: number): Buffer {
  return streamError(proc, serial, "internal error: console has been taken over");
}

export const PING = keepalivePacket(KeepaliveProc.PING);
export { dom as SEED_DOMAIN, vol as SEED_VOLUME };
