/** Public flag and enum values of the libvirt API (libvirt-domain.h and friends). */

/** virConnectListAllDomainsFlags (0 = all). */
export const DomainListFlags = {
  ACTIVE: 1,
  INACTIVE: 2,
  PERSISTENT: 4,
  TRANSIENT: 8,
  RUNNING: 16,
  PAUSED: 32,
  SHUTOFF: 64,
  OTHER: 128,
  MANAGEDSAVE: 256,
  NO_MANAGEDSAVE: 512,
  AUTOSTART: 1024,
  NO_AUTOSTART: 2048,
  HAS_SNAPSHOT: 4096,
  NO_SNAPSHOT: 8192,
} as const;

/** List flags for networks, pools and interfaces: inactive first, the opposite of domains. */
export const ObjectListFlags = {
  INACTIVE: 1,
  ACTIVE: 2,
  PERSISTENT: 4,
  TRANSIENT: 8,
  AUTOSTART: 16,
  NO_AUTOSTART: 32,
} as const;

/** virDomainXMLFlags. */
export const DomainXmlFlags = { SECURE: 1, INACTIVE: 2, UPDATE_CPU: 4, MIGRATABLE: 8 } as const;

/** virDomainModificationImpact, used by vCPU, memory, device and metadata calls. */
export const Impact = { CURRENT: 0, LIVE: 1, CONFIG: 2 } as const;

/** virDomainVcpuFlags beyond the impact bits. */
export const VcpuFlags = { MAXIMUM: 4, GUEST: 8, HOTPLUGGABLE: 16 } as const;

/** virDomainMemoryModFlags beyond the impact bits. */
export const MemoryFlags = { MAXIMUM: 4 } as const;

/** virDomainUndefineFlagsValues. */
export const UndefineFlags = {
  MANAGED_SAVE: 1,
  SNAPSHOTS_METADATA: 2,
  NVRAM: 4,
  KEEP_NVRAM: 8,
  CHECKPOINTS_METADATA: 16,
} as const;

/** virDomainShutdownFlagValues (0 lets the hypervisor choose). */
export const ShutdownFlags = {
  ACPI_POWER_BTN: 1,
  GUEST_AGENT: 2,
  INITCTL: 4,
  SIGNAL: 8,
  PARAVIRT: 16,
} as const;

/** virDomainDestroyFlagsValues. */
export const DestroyFlags = { GRACEFUL: 1 } as const;

/** virConnectGetAllDomainStatsFlags beyond the list flags (ACTIVE = DomainListFlags.ACTIVE). */
export const DomainStatsFlags = {
  ACTIVE: 1,
  /** Skip a domain busy with a job (a migration) instead of waiting for it. */
  NOWAIT: 1 << 29,
} as const;

/** virDomainStatsTypes for all-domain stats. */
export const StatsTypes = {
  STATE: 1,
  CPU_TOTAL: 2,
  BALLOON: 4,
  VCPU: 8,
  INTERFACE: 16,
  BLOCK: 32,
  PERF: 64,
  IOTHREAD: 128,
  MEMORY: 256,
} as const;

/** virDomainInterfaceAddressesSource. */
export const AddressSource = { LEASE: 0, AGENT: 1, ARP: 2 } as const;

/** virDomainMetadataType. */
export const MetadataType = { DESCRIPTION: 0, TITLE: 1, ELEMENT: 2 } as const;

/** virDomainMigrateFlags we use. */
export const MigrateFlags = {
  LIVE: 1,
  PEER2PEER: 2,
  TUNNELLED: 4,
  PERSIST_DEST: 8,
  UNDEFINE_SOURCE: 16,
  PAUSED: 32,
  NON_SHARED_DISK: 64,
  NON_SHARED_INC: 128,
  CHANGE_PROTECTION: 256,
  UNSAFE: 512,
  OFFLINE: 1024,
  COMPRESSED: 2048,
  ABORT_ON_ERROR: 4096,
  AUTO_CONVERGE: 8192,
  RDMA_PIN_ALL: 16384,
  POSTCOPY: 32768,
} as const;

/** virDomainSnapshotCreateFlags we use. */
export const SnapshotCreateFlags = {
  REDEFINE: 1,
  CURRENT: 2,
  NO_METADATA: 4,
  HALT: 8,
  DISK_ONLY: 16,
  ATOMIC: 128,
} as const;

/** virDomainSnapshotDeleteFlags. */
export const SnapshotDeleteFlags = { CHILDREN: 1, METADATA_ONLY: 2, CHILDREN_ONLY: 4 } as const;

/** virDomainConsoleFlags. */
export const ConsoleFlags = { FORCE: 1, SAFE: 2 } as const;

/** virStorageVolCreateFlags / virStorageVolDeleteFlags / virStorageVolResizeFlags. */
export const VolFlags = {
  PREALLOC_METADATA: 1,
  REFLINK: 2,
  DELETE_ZEROED: 1,
  RESIZE_ALLOCATE: 1,
  RESIZE_DELTA: 2,
  RESIZE_SHRINK: 4,
} as const;

/** virNetworkUpdateCommand. */
export const NetworkUpdateCommand = { MODIFY: 1, DELETE: 2, ADD_LAST: 3, ADD_FIRST: 4 } as const;

/** virNetworkUpdateSection (the sections a dashboard edits). */
export const NetworkUpdateSection = { IP_DHCP_HOST: 4, IP_DHCP_RANGE: 5, DNS_HOST: 10 } as const;

/** virNetworkUpdateFlags: the running network, its persistent config, or both. */
export const NetworkUpdateFlags = { LIVE: 1, CONFIG: 2 } as const;
