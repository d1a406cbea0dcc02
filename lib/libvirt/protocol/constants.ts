/**
 * Wire constants of libvirt's RPC protocol (virnetprotocol.x,
 * virkeepaliveprotocol.x, remote_protocol.x), written by hand.
 */

/** Program IDs carried in every packet header. */
export const Program = {
  /** The main libvirt API (remote_protocol.x). */
  REMOTE: 0x20008086,
  /** QEMU-specific calls (qemu_protocol.x). */
  QEMU: 0x20008087,
  /** Keepalive PING/PONG ("keep"). */
  KEEPALIVE: 0x6b656570,
} as const;

/** Every program we speak is version 1. */
export const PROGRAM_VERSION = 1;

/** Packet types (virNetMessageType). */
export const PacketType = {
  /** client → server: a procedure call. */
  CALL: 0,
  /** server → client: the reply to a CALL, matched by serial. */
  REPLY: 1,
  /** either direction: an async event or a keepalive. */
  MESSAGE: 2,
  /** either direction: stream data or control, on the serial of the opening CALL. */
  STREAM: 3,
  /** CALL carrying file descriptors (UNIX sockets only; unused here). */
  CALL_WITH_FDS: 4,
  /** REPLY carrying file descriptors (unused here). */
  REPLY_WITH_FDS: 5,
  /** A hole in a sparse stream. */
  STREAM_HOLE: 6,
} as const;

/** Packet statuses (virNetMessageStatus). */
export const Status = {
  /** Success; on STREAM, end of stream / finish handshake. */
  OK: 0,
  /** On REPLY a remote_error follows; on STREAM an error or a client abort. */
  ERROR: 1,
  /** STREAM only: raw data follows. */
  CONTINUE: 2,
} as const;

/** Keepalive procedures (program KEEPALIVE, type MESSAGE, empty payload). */
export const KeepaliveProc = { PING: 1, PONG: 2 } as const;

/** Size of the packet length word (it counts itself). */
export const LEN_SIZE = 4;
/** Size of the serialised header. */
export const HEADER_SIZE = 24;
/**
 * Largest header + payload the client accepts (libvirt 9.0's VIR_NET_MESSAGE_MAX,
 * 32 MiB). A length word above LEN_SIZE + this closes the connection.
 */
export const MESSAGE_MAX = 33_554_432;
/** Largest payload (MESSAGE_MAX less the header). */
export const PAYLOAD_MAX = MESSAGE_MAX - HEADER_SIZE;
/** REMOTE_STRING_MAX: longest string the protocol allows. */
export const STRING_MAX = 4_194_304;
/** Chunk size for stream data we send (what libvirt's own client uses). */
export const STREAM_CHUNK = 262_120;

/** CONNECT_SUPPORTS_FEATURE codes (virDrvFeature) that we probe. */
export const Feature = {
  FD_PASSING: 8,
  TYPED_PARAM_STRING: 9,
  /** Answering it starts the server's keepalive pings. */
  PROGRAM_KEEPALIVE: 10,
  REMOTE_EVENT_CALLBACK: 14,
  REMOTE_CLOSE_CALLBACK: 15,
  NETWORK_UPDATE_HAS_CORRECT_ORDER: 16,
} as const;

/** remote_auth_type values returned by AUTH_LIST. */
export const AuthType = { NONE: 0, SASL: 1, POLKIT: 2 } as const;

/** CONNECT_OPEN flags. */
export const OpenFlags = { READ_ONLY: 1, NO_ALIASES: 2 } as const;

/** VIR_TYPED_PARAM_STRING_OKAY: lets typed-parameter calls return strings. */
export const TYPED_PARAM_STRING_OKAY = 4;

/** Array bounds from remote_protocol.x for the lists we decode. */
export const Limits = {
  AUTH_TYPES: 20,
  DOMAIN_LIST: 16_384,
  NETWORK_LIST: 16_384,
  INTERFACE_LIST: 16_384,
  POOL_LIST: 16_384,
  VOL_LIST: 16_384,
  SNAPSHOT_LIST: 16_384,
  NODE_STATS: 16,
  CELLS: 1_024,
  MEMORY_STATS: 1_024,
  /** Records in one all-domain-stats reply (REMOTE_DOMAIN_LIST_MAX). */
  ALL_DOMAIN_STATS: 16_384,
  TYPED_PARAMS: 64,
  /** Typed parameters in one domain-stats record (REMOTE_CONNECT_GET_ALL_DOMAIN_STATS_MAX). */
  STATS_PARAMS: 262_144,
  DHCP_LEASES: 65_536,
  DOMAIN_INTERFACES: 2_048,
  IP_ADDRS: 2_048,
  MIGRATE_COOKIE: 4_194_304,
} as const;
