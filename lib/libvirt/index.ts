/**
 * lib/libvirt: a pure-TypeScript client of libvirt's native RPC protocol.
 * This file is the public API; everything else is internal.
 */

export { type CallOptions, type ClientOptions, RpcClient } from "./client";
export { Connection, type ConnectOptions, connect } from "./connection";
export {
  DomainExtrasApi,
  type DomainInterfaceAddrs,
  type DomainStats,
  type MigrateOptions,
} from "./domain-extras";
export { DomainApi, type DomainInfo, type DomainState } from "./domains";
export {
  ConnectionError,
  type ConnectionErrorKind,
  ErrorCode,
  ErrorDomain,
  errorCodeName,
  isConnectionLost,
  isNotFound,
  isOperationInvalid,
  isTimeout,
  isUnsupported,
  LibvirtError,
  ProtocolError,
} from "./errors";
export {
  domainEventDetailWord,
  domainEventWord,
  networkEventWord,
  storagePoolEventWord,
} from "./event-words";
export {
  type DomainDeviceEvent,
  type DomainLifecycleEvent,
  type DomainRebootEvent,
  EventHub,
  type EventKind,
  type EventMap,
  type Listener,
  type NetworkLifecycleEvent,
  type StoragePoolLifecycleEvent,
  type Subscription,
} from "./events";
export * from "./flags";
export { type DomainCapsQuery, decodeVersion, HostApi, type NodeInfo, type Version } from "./host";
export { type ManagedMigration, migrateThroughClient } from "./migrate";
export { type DhcpLease, NetworkApi, type NetworkUpdate } from "./networks";
export type {
  DomainRef,
  InterfaceRef,
  NetworkRef,
  PoolRef,
  SnapshotRef,
  TypedValue,
  VolRef,
} from "./protocol/types";
export { SnapshotApi } from "./snapshots";
export {
  type DomainStateWord,
  domainStateWord,
  poolStateWord,
  virshStateWord,
  volTypeWord,
} from "./states";
export { type PoolInfo, StorageApi, type VolInfo } from "./storage";
export { LibvirtStream, type StreamOptions } from "./stream";
export { StreamApi } from "./streams";
export type { DialOptions, HostKeyInfo, SshOptions, TlsPaths } from "./transports/dialer";
export type { TunnelTarget } from "./transports/ssh-tunnel";
export { type LibvirtUri, parseUri, type Transport } from "./uri";
