/** Connection set-up and host procedures (REMOTE_PROGRAM). */
import {
  array,
  fixedArray,
  int,
  map,
  struct,
  uhyper,
  uhyperNum,
  uint,
  xvoid,
} from "../../xdr/codec";
import { Limits } from "../constants";
import { procedure } from "../procedure";
import { optStr, str } from "../types";
import { intRet, strRet } from "./common";

const flagsOnly = struct({ flags: uint });

/** AUTH_LIST: the auth types the server accepts for this client. */
export const AUTH_LIST = procedure("AUTH_LIST", 66, xvoid, array(int, Limits.AUTH_TYPES));
/** AUTH_POLKIT: asks polkit to authorise this client. */
export const AUTH_POLKIT = procedure("AUTH_POLKIT", 70, xvoid, intRet);
/** CONNECT_SUPPORTS_FEATURE: probes a virDrvFeature; feature 10 starts server pings. */
export const CONNECT_SUPPORTS_FEATURE = procedure(
  "CONNECT_SUPPORTS_FEATURE",
  60,
  struct({ feature: int }),
  intRet,
);
/** CONNECT_OPEN: opens the driver named by the URI without transport parts. */
export const CONNECT_OPEN = procedure(
  "CONNECT_OPEN",
  1,
  struct({ name: optStr, flags: uint }),
  xvoid,
);
/** CONNECT_CLOSE: the server replies, then closes the socket. */
export const CONNECT_CLOSE = procedure("CONNECT_CLOSE", 2, xvoid, xvoid);

/** CONNECT_GET_TYPE: the driver name, e.g. "QEMU" or "Test". */
export const CONNECT_GET_TYPE = procedure("CONNECT_GET_TYPE", 3, xvoid, strRet);
/** CONNECT_GET_VERSION: hypervisor version, major·10⁶ + minor·10³ + micro. */
export const CONNECT_GET_VERSION = procedure("CONNECT_GET_VERSION", 4, xvoid, uhyperNum);
/** CONNECT_GET_LIB_VERSION: libvirt version on the host, same encoding. */
export const CONNECT_GET_LIB_VERSION = procedure("CONNECT_GET_LIB_VERSION", 157, xvoid, uhyperNum);
/** CONNECT_GET_HOSTNAME. */
export const CONNECT_GET_HOSTNAME = procedure("CONNECT_GET_HOSTNAME", 59, xvoid, strRet);
/** CONNECT_GET_URI: the canonical URI the daemon opened. */
export const CONNECT_GET_URI = procedure("CONNECT_GET_URI", 110, xvoid, strRet);
/** CONNECT_GET_SYSINFO: SMBIOS as XML (fails on hosts without SMBIOS). */
export const CONNECT_GET_SYSINFO = procedure("CONNECT_GET_SYSINFO", 203, flagsOnly, strRet);
/** CONNECT_GET_CAPABILITIES: the capabilities XML. */
export const CONNECT_GET_CAPABILITIES = procedure("CONNECT_GET_CAPABILITIES", 7, xvoid, strRet);
/** CONNECT_GET_DOMAIN_CAPABILITIES: domain capabilities XML. */
export const CONNECT_GET_DOMAIN_CAPABILITIES = procedure(
  "CONNECT_GET_DOMAIN_CAPABILITIES",
  342,
  struct({ emulatorbin: optStr, arch: optStr, machine: optStr, virttype: optStr, flags: uint }),
  strRet,
);

/** CONNECT_GET_STORAGE_POOL_CAPABILITIES: which pool types the host's storage driver supports. */
export const CONNECT_GET_STORAGE_POOL_CAPABILITIES = procedure(
  "CONNECT_GET_STORAGE_POOL_CAPABILITIES",
  403,
  flagsOnly,
  strRet,
);

/** NODE_GET_INFO: model is `char[32]`, each char in 4 bytes; memory in KiB. */
export const NODE_GET_INFO = procedure(
  "NODE_GET_INFO",
  6,
  xvoid,
  struct({
    model: map(
      fixedArray(int, 32),
      (cs) => String.fromCharCode(...cs.filter((c) => c !== 0).map((c) => c & 0xff)),
      (s: string) => Array.from({ length: 32 }, (_, i) => s.charCodeAt(i) || 0),
    ),
    memory: uhyperNum,
    cpus: int,
    mhz: int,
    nodes: int,
    sockets: int,
    cores: int,
    threads: int,
  }),
);

const nodeStats = struct({
  params: array(struct({ field: str, value: uhyper }), Limits.NODE_STATS),
  nparams: int,
});

/** NODE_GET_CPU_STATS: nparams 0 asks for the count only. Values in ns. */
export const NODE_GET_CPU_STATS = procedure(
  "NODE_GET_CPU_STATS",
  227,
  struct({ cpuNum: int, nparams: int, flags: uint }),
  nodeStats,
);
/** NODE_GET_MEMORY_STATS: nparams 0 asks for the count only. Values in KiB. */
export const NODE_GET_MEMORY_STATS = procedure(
  "NODE_GET_MEMORY_STATS",
  228,
  struct({ nparams: int, cellNum: int, flags: uint }),
  nodeStats,
);
/** NODE_GET_FREE_MEMORY: bytes free on the host. */
export const NODE_GET_FREE_MEMORY = procedure("NODE_GET_FREE_MEMORY", 102, xvoid, uhyperNum);
/** NODE_GET_CELLS_FREE_MEMORY: bytes free per NUMA cell. */
export const NODE_GET_CELLS_FREE_MEMORY = procedure(
  "NODE_GET_CELLS_FREE_MEMORY",
  101,
  struct({ startCell: int, maxcells: int }),
  array(uhyperNum, Limits.CELLS),
);

/** CONNECT_COMPARE_CPU: virCPUCompareResult (-1 error, 0 incompatible, 1 identical, 2 superset). */
export const CONNECT_COMPARE_CPU = procedure(
  "CONNECT_COMPARE_CPU",
  158,
  struct({ xml: str, flags: uint }),
  intRet,
);
