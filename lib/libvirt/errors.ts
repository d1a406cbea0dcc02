/**
 * Errors raised by the client: {@link LibvirtError} for errors the daemon
 * reported (remote_error), {@link ProtocolError} for a broken wire, and
 * {@link ConnectionError} for transport failures, timeouts and closes.
 */

/**
 * virErrorNumber names, in code order from 0. Empty entries are codes libvirt
 * only uses for warnings.
 */
const CODE_NAMES = (
  "OK INTERNAL_ERROR NO_MEMORY NO_SUPPORT UNKNOWN_HOST NO_CONNECT INVALID_CONN INVALID_DOMAIN " +
  "INVALID_ARG OPERATION_FAILED GET_FAILED POST_FAILED HTTP_ERROR SEXPR_SERIAL NO_XEN XEN_CALL " +
  "OS_TYPE NO_KERNEL NO_ROOT NO_SOURCE NO_TARGET NO_NAME NO_OS NO_DEVICE NO_XENSTORE DRIVER_FULL " +
  "CALL_FAILED XML_ERROR DOM_EXIST OPERATION_DENIED OPEN_FAILED READ_FAILED PARSE_FAILED " +
  "CONF_SYNTAX WRITE_FAILED XML_DETAIL INVALID_NETWORK NETWORK_EXIST SYSTEM_ERROR RPC GNUTLS_ERROR " +
  "WAR_NO_NETWORK NO_DOMAIN NO_NETWORK INVALID_MAC AUTH_FAILED INVALID_STORAGE_POOL " +
  "INVALID_STORAGE_VOL WAR_NO_STORAGE NO_STORAGE_POOL NO_STORAGE_VOL WAR_NO_NODE " +
  "INVALID_NODE_DEVICE NO_NODE_DEVICE NO_SECURITY_MODEL OPERATION_INVALID WAR_NO_INTERFACE " +
  "NO_INTERFACE INVALID_INTERFACE MULTIPLE_INTERFACES WAR_NO_NWFILTER INVALID_NWFILTER " +
  "NO_NWFILTER BUILD_FIREWALL WAR_NO_SECRET INVALID_SECRET NO_SECRET CONFIG_UNSUPPORTED " +
  "OPERATION_TIMEOUT MIGRATE_PERSIST_FAILED HOOK_SCRIPT_FAILED INVALID_DOMAIN_SNAPSHOT " +
  "NO_DOMAIN_SNAPSHOT INVALID_STREAM ARGUMENT_UNSUPPORTED STORAGE_PROBE_FAILED STORAGE_POOL_BUILT " +
  "SNAPSHOT_REVERT_RISKY OPERATION_ABORTED AUTH_CANCELLED NO_DOMAIN_METADATA MIGRATE_UNSAFE " +
  "OVERFLOW BLOCK_COPY_ACTIVE OPERATION_UNSUPPORTED SSH AGENT_UNRESPONSIVE RESOURCE_BUSY " +
  "ACCESS_DENIED DBUS_SERVICE STORAGE_VOL_EXIST CPU_INCOMPATIBLE XML_INVALID_SCHEMA " +
  "MIGRATE_FINISH_OK AUTH_UNAVAILABLE NO_SERVER NO_CLIENT AGENT_UNSYNCED LIBSSH DEVICE_MISSING " +
  "INVALID_NWFILTER_BINDING NO_NWFILTER_BINDING INVALID_DOMAIN_CHECKPOINT NO_DOMAIN_CHECKPOINT " +
  "NO_DOMAIN_BACKUP INVALID_NETWORK_PORT NETWORK_PORT_EXIST NO_NETWORK_PORT NO_HOSTNAME " +
  "CHECKPOINT_INCONSISTENT MULTIPLE_DOMAINS NO_NETWORK_METADATA"
).split(" ");

/** Selected virErrorNumber codes used by the helpers and callers. */
export const ErrorCode = {
  INTERNAL_ERROR: 1,
  NO_SUPPORT: 3,
  INVALID_ARG: 8,
  OPERATION_FAILED: 9,
  XML_ERROR: 27,
  DOM_EXIST: 28,
  SYSTEM_ERROR: 38,
  RPC: 39,
  NO_DOMAIN: 42,
  NO_NETWORK: 43,
  AUTH_FAILED: 45,
  NO_STORAGE_POOL: 49,
  NO_STORAGE_VOL: 50,
  NO_NODE_DEVICE: 53,
  OPERATION_INVALID: 55,
  NO_INTERFACE: 57,
  NO_SECRET: 66,
  OPERATION_TIMEOUT: 68,
  NO_DOMAIN_SNAPSHOT: 72,
  OPERATION_ABORTED: 78,
  NO_DOMAIN_METADATA: 80,
  OPERATION_UNSUPPORTED: 84,
  AGENT_UNRESPONSIVE: 86,
  ACCESS_DENIED: 88,
  STORAGE_VOL_EXIST: 90,
  NO_NETWORK_METADATA: 111,
} as const;

/** Selected virErrorDomain values. */
export const ErrorDomain = { RPC: 7, QEMU: 10, TEST: 12, REMOTE: 13, STREAMS: 38 } as const;

/** The symbolic name of a virErrorNumber, e.g. 42 → "NO_DOMAIN". */
export function errorCodeName(code: number): string {
  const name = CODE_NAMES[code];
  return name ? name : `ERROR_${code}`;
}

/** Fields of remote_error that callers care about. */
export interface RemoteErrorFields {
  code: number;
  domain: number;
  message: string | null;
  level: number;
  str1?: string | null;
  str2?: string | null;
  str3?: string | null;
  int1?: number;
  int2?: number;
}

/** An error the daemon reported, with the message virsh would print. */
export class LibvirtError extends Error {
  override name = "LibvirtError";
  /** virErrorNumber, e.g. 42 (NO_DOMAIN). */
  readonly code: number;
  /** virErrorDomain: which part of libvirt raised it, e.g. 10 (QEMU). */
  readonly domain: number;
  /** 0 none, 1 warning, 2 error. */
  readonly level: number;
  /** remote_error's extra strings and ints, when present. */
  readonly extra: Omit<RemoteErrorFields, "code" | "domain" | "message" | "level">;

  constructor(e: RemoteErrorFields) {
    super(e.message ?? errorCodeName(e.code));
    this.code = e.code;
    this.domain = e.domain;
    this.level = e.level;
    this.extra = { str1: e.str1, str2: e.str2, str3: e.str3, int1: e.int1, int2: e.int2 };
  }

  /** The code's symbolic name, e.g. "NO_DOMAIN". */
  get codeName(): string {
    return errorCodeName(this.code);
  }
}

/** The wire broke the protocol (bad framing or payload); the connection is closed. */
export class ProtocolError extends Error {
  override name = "ProtocolError";
}

/** Why a connection-level failure happened. */
export type ConnectionErrorKind = "closed" | "timeout" | "dial" | "auth" | "unsupported";

/** The transport failed, the peer went away, or a call timed out. */
export class ConnectionError extends Error {
  override name = "ConnectionError";
  constructor(
    readonly kind: ConnectionErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const NOT_FOUND = new Set<number>([
  ErrorCode.NO_DOMAIN,
  ErrorCode.NO_NETWORK,
  ErrorCode.NO_STORAGE_POOL,
  ErrorCode.NO_STORAGE_VOL,
  ErrorCode.NO_NODE_DEVICE,
  ErrorCode.NO_INTERFACE,
  ErrorCode.NO_SECRET,
  ErrorCode.NO_DOMAIN_SNAPSHOT,
  ErrorCode.NO_DOMAIN_METADATA,
  ErrorCode.NO_NETWORK_METADATA,
]);

/**
 * Recognises errors by name and shape, not instanceof: a process can load two copies of this
 * module (a bundler's and Node's own), and errors made by one must still be known to the other.
 */
function isLibvirtError(e: unknown): e is LibvirtError {
  const x = e as { name?: unknown; code?: unknown } | null;
  return x?.name === "LibvirtError" && typeof x.code === "number";
}

function isConnectionError(e: unknown): e is ConnectionError {
  return (e as { name?: unknown } | null)?.name === "ConnectionError";
}

/** True for "no such domain/network/pool/volume/…" errors. */
export function isNotFound(e: unknown): e is LibvirtError {
  return isLibvirtError(e) && NOT_FOUND.has(e.code);
}

/** True when the operation is invalid in the object's current state (e.g. already running). */
export function isOperationInvalid(e: unknown): e is LibvirtError {
  return isLibvirtError(e) && e.code === ErrorCode.OPERATION_INVALID;
}

/** True when the daemon or driver does not support the call. */
export function isUnsupported(e: unknown): e is LibvirtError {
  return (
    isLibvirtError(e) &&
    (e.code === ErrorCode.NO_SUPPORT || e.code === ErrorCode.OPERATION_UNSUPPORTED)
  );
}

/** True for a closed or broken connection (the caller may reconnect and retry). */
export function isConnectionLost(e: unknown): e is ConnectionError {
  return isConnectionError(e) && e.kind === "closed";
}

/** True when the call (or dial) hit its timeout. */
export function isTimeout(e: unknown): e is ConnectionError {
  return isConnectionError(e) && e.kind === "timeout";
}
