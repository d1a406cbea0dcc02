/** Storage pool and volume procedures (REMOTE_PROGRAM). */
import { array, int, struct, uhyperNum, uint, xvoid } from "../../xdr/codec";
import { Limits } from "../constants";
import { procedure } from "../procedure";
import { c4, poolRef as P, str, uuid, volRef as V } from "../types";
import { boolRet, listArgs, strRet } from "./common";

const pool = struct({ pool: P });
const poolFlags = struct({ pool: P, flags: uint });
const poolRet = struct({ pool: P });
const vol = struct({ vol: V });
const volRet = struct({ vol: V });

/** CONNECT_LIST_ALL_STORAGE_POOLS: flags 1 inactive, 2 active, … */
export const CONNECT_LIST_ALL_STORAGE_POOLS = procedure(
  "CONNECT_LIST_ALL_STORAGE_POOLS",
  281,
  listArgs,
  struct({ pools: array(P, Limits.POOL_LIST), ret: uint }),
);
export const STORAGE_POOL_LOOKUP_BY_NAME = procedure(
  "STORAGE_POOL_LOOKUP_BY_NAME",
  84,
  struct({ name: str }),
  poolRet,
);
export const STORAGE_POOL_LOOKUP_BY_UUID = procedure(
  "STORAGE_POOL_LOOKUP_BY_UUID",
  85,
  struct({ uuid }),
  poolRet,
);
const xmlFlags = struct({ xml: str, flags: uint });
export const STORAGE_POOL_DEFINE_XML = procedure("STORAGE_POOL_DEFINE_XML", 77, xmlFlags, poolRet);
export const STORAGE_POOL_CREATE_XML = procedure("STORAGE_POOL_CREATE_XML", 76, xmlFlags, poolRet);
export const STORAGE_POOL_CREATE = procedure("STORAGE_POOL_CREATE", 78, poolFlags, xvoid);
export const STORAGE_POOL_BUILD = procedure("STORAGE_POOL_BUILD", 79, poolFlags, xvoid);
export const STORAGE_POOL_DELETE = procedure("STORAGE_POOL_DELETE", 81, poolFlags, xvoid);
export const STORAGE_POOL_REFRESH = procedure("STORAGE_POOL_REFRESH", 83, poolFlags, xvoid);
export const STORAGE_POOL_DESTROY = procedure("STORAGE_POOL_DESTROY", 80, pool, xvoid);
export const STORAGE_POOL_UNDEFINE = procedure("STORAGE_POOL_UNDEFINE", 82, pool, xvoid);
/** STORAGE_POOL_GET_INFO: state is a C char (4 bytes); sizes in bytes. */
export const STORAGE_POOL_GET_INFO = procedure(
  "STORAGE_POOL_GET_INFO",
  87,
  pool,
  struct({ state: c4, capacity: uhyperNum, allocation: uhyperNum, available: uhyperNum }),
);
export const STORAGE_POOL_GET_XML_DESC = procedure(
  "STORAGE_POOL_GET_XML_DESC",
  88,
  poolFlags,
  strRet,
);
export const STORAGE_POOL_SET_AUTOSTART = procedure(
  "STORAGE_POOL_SET_AUTOSTART",
  90,
  struct({ pool: P, autostart: int }),
  xvoid,
);
export const STORAGE_POOL_GET_AUTOSTART = procedure(
  "STORAGE_POOL_GET_AUTOSTART",
  89,
  pool,
  boolRet,
);
export const STORAGE_POOL_IS_ACTIVE = procedure("STORAGE_POOL_IS_ACTIVE", 154, pool, boolRet);
export const STORAGE_POOL_LIST_ALL_VOLUMES = procedure(
  "STORAGE_POOL_LIST_ALL_VOLUMES",
  282,
  struct({ pool: P, needResults: int, flags: uint }),
  struct({ vols: array(V, Limits.VOL_LIST), ret: uint }),
);
export const STORAGE_VOL_LOOKUP_BY_NAME = procedure(
  "STORAGE_VOL_LOOKUP_BY_NAME",
  95,
  struct({ pool: P, name: str }),
  volRet,
);
export const STORAGE_VOL_LOOKUP_BY_PATH = procedure(
  "STORAGE_VOL_LOOKUP_BY_PATH",
  97,
  struct({ path: str }),
  volRet,
);
export const STORAGE_VOL_CREATE_XML = procedure(
  "STORAGE_VOL_CREATE_XML",
  93,
  struct({ pool: P, xml: str, flags: uint }),
  volRet,
);
/** STORAGE_VOL_CREATE_XML_FROM: creates a volume as a clone of `clonevol`. */
export const STORAGE_VOL_CREATE_XML_FROM = procedure(
  "STORAGE_VOL_CREATE_XML_FROM",
  125,
  struct({ pool: P, xml: str, clonevol: V, flags: uint }),
  volRet,
);
export const STORAGE_VOL_DELETE = procedure(
  "STORAGE_VOL_DELETE",
  94,
  struct({ vol: V, flags: uint }),
  xvoid,
);
/** STORAGE_VOL_RESIZE: capacity in bytes. */
export const STORAGE_VOL_RESIZE = procedure(
  "STORAGE_VOL_RESIZE",
  260,
  struct({ vol: V, capacity: uhyperNum, flags: uint }),
  xvoid,
);
/** STORAGE_VOL_GET_INFO: type is a C char (4 bytes); sizes in bytes. */
export const STORAGE_VOL_GET_INFO = procedure(
  "STORAGE_VOL_GET_INFO",
  98,
  vol,
  struct({ type: c4, capacity: uhyperNum, allocation: uhyperNum }),
);
export const STORAGE_VOL_GET_PATH = procedure("STORAGE_VOL_GET_PATH", 100, vol, strRet);
export const STORAGE_VOL_GET_XML_DESC = procedure(
  "STORAGE_VOL_GET_XML_DESC",
  99,
  struct({ vol: V, flags: uint }),
  strRet,
);
