/** Snapshot, job and migration procedures (REMOTE_PROGRAM). */
import { array, int, struct, uhyper, uint, varOpaque, xvoid } from "../../xdr/codec";
import { Limits } from "../constants";
import { procedure } from "../procedure";
import { domainRef as D, optStr, snapshotRef as S, str, typedParams } from "../types";
import { boolRet, strRet } from "./common";

const snapRet = struct({ snap: S });
const snapFlags = struct({ snap: S, flags: uint });

export const DOMAIN_SNAPSHOT_CREATE_XML = procedure(
  "DOMAIN_SNAPSHOT_CREATE_XML",
  185,
  struct({ dom: D, xml: str, flags: uint }),
  snapRet,
);
export const DOMAIN_LIST_ALL_SNAPSHOTS = procedure(
  "DOMAIN_LIST_ALL_SNAPSHOTS",
  274,
  struct({ dom: D, needResults: int, flags: uint }),
  struct({ snapshots: array(S, Limits.SNAPSHOT_LIST), ret: int }),
);
export const DOMAIN_SNAPSHOT_LOOKUP_BY_NAME = procedure(
  "DOMAIN_SNAPSHOT_LOOKUP_BY_NAME",
  189,
  struct({ dom: D, name: str, flags: uint }),
  snapRet,
);
export const DOMAIN_SNAPSHOT_GET_XML_DESC = procedure(
  "DOMAIN_SNAPSHOT_GET_XML_DESC",
  186,
  snapFlags,
  strRet,
);
export const DOMAIN_SNAPSHOT_CURRENT = procedure(
  "DOMAIN_SNAPSHOT_CURRENT",
  191,
  struct({ dom: D, flags: uint }),
  snapRet,
);
export const DOMAIN_HAS_CURRENT_SNAPSHOT = procedure(
  "DOMAIN_HAS_CURRENT_SNAPSHOT",
  190,
  struct({ dom: D, flags: uint }),
  boolRet,
);
export const DOMAIN_REVERT_TO_SNAPSHOT = procedure(
  "DOMAIN_REVERT_TO_SNAPSHOT",
  192,
  snapFlags,
  xvoid,
);
export const DOMAIN_SNAPSHOT_DELETE = procedure("DOMAIN_SNAPSHOT_DELETE", 193, snapFlags, xvoid);

/** DOMAIN_GET_JOB_INFO: job type then eleven unsigned hyper counters (ms and bytes). */
export const DOMAIN_GET_JOB_INFO = procedure(
  "DOMAIN_GET_JOB_INFO",
  163,
  struct({ dom: D }),
  struct({
    type: int,
    timeElapsed: uhyper,
    timeRemaining: uhyper,
    dataTotal: uhyper,
    dataProcessed: uhyper,
    dataRemaining: uhyper,
    memTotal: uhyper,
    memProcessed: uhyper,
    memRemaining: uhyper,
    fileTotal: uhyper,
    fileProcessed: uhyper,
    fileRemaining: uhyper,
  }),
);
export const DOMAIN_GET_JOB_STATS = procedure(
  "DOMAIN_GET_JOB_STATS",
  298,
  struct({ dom: D, flags: uint }),
  struct({ type: int, params: typedParams(Limits.TYPED_PARAMS) }),
);
export const DOMAIN_ABORT_JOB = procedure("DOMAIN_ABORT_JOB", 164, struct({ dom: D }), xvoid);

/** DOMAIN_MIGRATE_PERFORM3_PARAMS: with PEER2PEER the source daemon drives the whole migration. */
export const DOMAIN_MIGRATE_PERFORM3_PARAMS = procedure(
  "DOMAIN_MIGRATE_PERFORM3_PARAMS",
  305,
  struct({
    dom: D,
    dconnuri: optStr,
    params: typedParams(Limits.TYPED_PARAMS),
    cookieIn: varOpaque(Limits.MIGRATE_COOKIE),
    flags: uint,
  }),
  struct({ cookieOut: varOpaque(Limits.MIGRATE_COOKIE) }),
);

// The migration sequence a client drives itself (virsh without --p2p): begin on the source,
// prepare on the destination, perform on the source, finish on the destination, confirm on the
// source. Cookies carry each side's state to the other.
const migParams = typedParams(Limits.TYPED_PARAMS);
const cookie = varOpaque(Limits.MIGRATE_COOKIE);

export const DOMAIN_MIGRATE_BEGIN3_PARAMS = procedure(
  "DOMAIN_MIGRATE_BEGIN3_PARAMS",
  302,
  struct({ dom: D, params: migParams, flags: uint }),
  struct({ cookieOut: cookie, xml: str }),
);
export const DOMAIN_MIGRATE_PREPARE3_PARAMS = procedure(
  "DOMAIN_MIGRATE_PREPARE3_PARAMS",
  303,
  struct({ params: migParams, cookieIn: cookie, flags: uint }),
  struct({ cookieOut: cookie, uriOut: optStr }),
);
export const DOMAIN_MIGRATE_FINISH3_PARAMS = procedure(
  "DOMAIN_MIGRATE_FINISH3_PARAMS",
  306,
  struct({ params: migParams, cookieIn: cookie, flags: uint, cancelled: int }),
  struct({ dom: D, cookieOut: cookie }),
);
export const DOMAIN_MIGRATE_CONFIRM3_PARAMS = procedure(
  "DOMAIN_MIGRATE_CONFIRM3_PARAMS",
  307,
  struct({ dom: D, params: migParams, cookieIn: cookie, flags: uint, cancelled: int }),
  xvoid,
);
/** The longest pause (ms) QEMU may take at the switch-over of a live migration. */
export const DOMAIN_MIGRATE_SET_MAX_DOWNTIME = procedure(
  "DOMAIN_MIGRATE_SET_MAX_DOWNTIME",
  166,
  struct({ dom: D, downtime: uhyper, flags: uint }),
  xvoid,
);
export const DOMAIN_MIGRATE_START_POST_COPY = procedure(
  "DOMAIN_MIGRATE_START_POST_COPY",
  364,
  struct({ dom: D, flags: uint }),
  xvoid,
);
