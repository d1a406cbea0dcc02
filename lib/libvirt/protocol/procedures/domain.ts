/** Domain procedures (REMOTE_PROGRAM). Handles are remote_nonnull_domain. */
import { array, hyper, int, struct, uhyper, uhyperNum, uint, xvoid } from "../../xdr/codec";
import { Limits } from "../constants";
import { procedure } from "../procedure";
import { c4, domainRef as D, optStr, str, typedParams, uuid } from "../types";
import { boolRet, intRet, listArgs, strRet } from "./common";

const dom = struct({ dom: D });
const domFlags = struct({ dom: D, flags: uint });
const domRet = struct({ dom: D });

/** CONNECT_LIST_ALL_DOMAINS: flags 1 active, 2 inactive, 4 persistent, … (0 = all). */
export const CONNECT_LIST_ALL_DOMAINS = procedure(
  "CONNECT_LIST_ALL_DOMAINS",
  273,
  listArgs,
  struct({ domains: array(D, Limits.DOMAIN_LIST), ret: uint }),
);
export const DOMAIN_LOOKUP_BY_NAME = procedure(
  "DOMAIN_LOOKUP_BY_NAME",
  23,
  struct({ name: str }),
  domRet,
);
export const DOMAIN_LOOKUP_BY_UUID = procedure(
  "DOMAIN_LOOKUP_BY_UUID",
  24,
  struct({ uuid }),
  domRet,
);
export const DOMAIN_LOOKUP_BY_ID = procedure(
  "DOMAIN_LOOKUP_BY_ID",
  22,
  struct({ id: int }),
  domRet,
);

/** DOMAIN_GET_INFO: state and nrVirtCpu are C chars sent as 4-byte ints; memory in KiB, cpuTime in ns. */
export const DOMAIN_GET_INFO = procedure(
  "DOMAIN_GET_INFO",
  16,
  dom,
  struct({ state: c4, maxMem: uhyperNum, memory: uhyperNum, nrVirtCpu: c4, cpuTime: uhyper }),
);
export const DOMAIN_GET_STATE = procedure(
  "DOMAIN_GET_STATE",
  212,
  domFlags,
  struct({ state: int, reason: int }),
);
export const DOMAIN_GET_XML_DESC = procedure("DOMAIN_GET_XML_DESC", 14, domFlags, strRet);
export const DOMAIN_DEFINE_XML_FLAGS = procedure(
  "DOMAIN_DEFINE_XML_FLAGS",
  350,
  struct({ xml: str, flags: uint }),
  domRet,
);
export const DOMAIN_UNDEFINE_FLAGS = procedure("DOMAIN_UNDEFINE_FLAGS", 231, domFlags, xvoid);
/** DOMAIN_CREATE_WITH_FLAGS: starts a defined domain; returns it with its new id. */
export const DOMAIN_CREATE_WITH_FLAGS = procedure(
  "DOMAIN_CREATE_WITH_FLAGS",
  196,
  domFlags,
  domRet,
);
/** DOMAIN_CREATE_XML: starts a transient domain. */
export const DOMAIN_CREATE_XML = procedure(
  "DOMAIN_CREATE_XML",
  10,
  struct({ xml: str, flags: uint }),
  domRet,
);
export const DOMAIN_SHUTDOWN_FLAGS = procedure("DOMAIN_SHUTDOWN_FLAGS", 258, domFlags, xvoid);
export const DOMAIN_DESTROY_FLAGS = procedure("DOMAIN_DESTROY_FLAGS", 234, domFlags, xvoid);
export const DOMAIN_REBOOT = procedure("DOMAIN_REBOOT", 27, domFlags, xvoid);
export const DOMAIN_RESET = procedure("DOMAIN_RESET", 245, domFlags, xvoid);
export const DOMAIN_SUSPEND = procedure("DOMAIN_SUSPEND", 34, dom, xvoid);
export const DOMAIN_RESUME = procedure("DOMAIN_RESUME", 28, dom, xvoid);
export const DOMAIN_SET_AUTOSTART = procedure(
  "DOMAIN_SET_AUTOSTART",
  29,
  struct({ dom: D, autostart: int }),
  xvoid,
);
export const DOMAIN_GET_AUTOSTART = procedure("DOMAIN_GET_AUTOSTART", 15, dom, boolRet);
export const DOMAIN_IS_ACTIVE = procedure("DOMAIN_IS_ACTIVE", 150, dom, boolRet);
export const DOMAIN_IS_PERSISTENT = procedure("DOMAIN_IS_PERSISTENT", 151, dom, boolRet);
export const DOMAIN_SET_VCPUS_FLAGS = procedure(
  "DOMAIN_SET_VCPUS_FLAGS",
  199,
  struct({ dom: D, nvcpus: uint, flags: uint }),
  xvoid,
);
export const DOMAIN_GET_VCPUS_FLAGS = procedure("DOMAIN_GET_VCPUS_FLAGS", 200, domFlags, intRet);
/** DOMAIN_SET_MEMORY_FLAGS: memory in KiB. */
export const DOMAIN_SET_MEMORY_FLAGS = procedure(
  "DOMAIN_SET_MEMORY_FLAGS",
  204,
  struct({ dom: D, memory: uhyperNum, flags: uint }),
  xvoid,
);
export const DOMAIN_MEMORY_STATS = procedure(
  "DOMAIN_MEMORY_STATS",
  159,
  struct({ dom: D, maxStats: uint, flags: uint }),
  struct({ stats: array(struct({ tag: int, val: uhyper }), Limits.MEMORY_STATS) }),
);
export const DOMAIN_BLOCK_STATS = procedure(
  "DOMAIN_BLOCK_STATS",
  64,
  struct({ dom: D, path: str }),
  struct({ rdReq: hyper, rdBytes: hyper, wrReq: hyper, wrBytes: hyper, errs: hyper }),
);
export const DOMAIN_INTERFACE_STATS = procedure(
  "DOMAIN_INTERFACE_STATS",
  65,
  struct({ dom: D, device: str }),
  struct({
    rxBytes: hyper,
    rxPackets: hyper,
    rxErrs: hyper,
    rxDrop: hyper,
    txBytes: hyper,
    txPackets: hyper,
    txErrs: hyper,
    txDrop: hyper,
  }),
);
const devArgs = struct({ dom: D, xml: str, flags: uint });
export const DOMAIN_ATTACH_DEVICE_FLAGS = procedure(
  "DOMAIN_ATTACH_DEVICE_FLAGS",
  160,
  devArgs,
  xvoid,
);
export const DOMAIN_DETACH_DEVICE_FLAGS = procedure(
  "DOMAIN_DETACH_DEVICE_FLAGS",
  161,
  devArgs,
  xvoid,
);
export const DOMAIN_UPDATE_DEVICE_FLAGS = procedure(
  "DOMAIN_UPDATE_DEVICE_FLAGS",
  174,
  devArgs,
  xvoid,
);

/** CONNECT_GET_ALL_DOMAIN_STATS: one record (domain + typed params) per domain. */
export const CONNECT_GET_ALL_DOMAIN_STATS = procedure(
  "CONNECT_GET_ALL_DOMAIN_STATS",
  344,
  struct({ doms: array(D, Limits.DOMAIN_LIST), stats: uint, flags: uint }),
  struct({
    records: array(
      struct({ dom: D, params: typedParams(Limits.STATS_PARAMS) }),
      Limits.ALL_DOMAIN_STATS,
    ),
  }),
);

const ipAddr = struct({ type: int, addr: str, prefix: uint });
/** DOMAIN_INTERFACE_ADDRESSES: source 0 lease, 1 agent, 2 arp. */
export const DOMAIN_INTERFACE_ADDRESSES = procedure(
  "DOMAIN_INTERFACE_ADDRESSES",
  353,
  struct({ dom: D, source: uint, flags: uint }),
  struct({
    ifaces: array(
      struct({ name: str, hwaddr: optStr, addrs: array(ipAddr, Limits.IP_ADDRS) }),
      Limits.DOMAIN_INTERFACES,
    ),
  }),
);
/** DOMAIN_GET_METADATA: type 0 description, 1 title, 2 element (by namespace uri). */
export const DOMAIN_GET_METADATA = procedure(
  "DOMAIN_GET_METADATA",
  265,
  struct({ dom: D, type: int, uri: optStr, flags: uint }),
  strRet,
);
export const DOMAIN_SET_METADATA = procedure(
  "DOMAIN_SET_METADATA",
  264,
  struct({ dom: D, type: int, metadata: optStr, key: optStr, uri: optStr, flags: uint }),
  xvoid,
);
export const DOMAIN_MANAGED_SAVE = procedure("DOMAIN_MANAGED_SAVE", 182, domFlags, xvoid);
export const DOMAIN_HAS_MANAGED_SAVE_IMAGE = procedure(
  "DOMAIN_HAS_MANAGED_SAVE_IMAGE",
  183,
  domFlags,
  boolRet,
);
export const DOMAIN_MANAGED_SAVE_REMOVE = procedure(
  "DOMAIN_MANAGED_SAVE_REMOVE",
  184,
  domFlags,
  xvoid,
);

/** DOMAIN_RENAME: only an inactive domain can be renamed. */
export const DOMAIN_RENAME = procedure(
  "DOMAIN_RENAME",
  358,
  struct({ dom: D, newName: optStr, flags: uint }),
  struct({ retcode: int }),
);
