// Privileges and the built-in roles, named as Proxmox VE names them where it has one. Pure: the
// browser imports this too, to offer only what the user may do.

/** Every privilege Virtdeck checks, grouped by the objects they are granted on. */
export const PRIVILEGE_GROUPS = {
  Hosts: {
    "Host.Audit": "See the host: status, facts, URI",
    "Host.Modify": "Add, edit and remove hosts; host-wide settings",
  },
  "Virtual machines": {
    "VM.Audit": "See the VM, its configuration, events and snapshots",
    "VM.PowerMgmt": "Start, shut down, force off, reboot, reset, pause, resume",
    "VM.Console": "Open the screen (VNC) and serial console",
    "VM.Config.CPU": "Change vCPUs",
    "VM.Config.Memory": "Change memory",
    "VM.Config.Disk": "Attach and detach disks, boot order",
    "VM.Config.Network": "Add, move and remove NICs",
    "VM.Config.CDROM": "Insert and eject CD-ROM media",
    "VM.Config.Options": "Name, title, description, autostart, tags and notes",
    "VM.Config.XML":
      "Read the secure XML and save raw XML (what reaches into the host: with Sys.Modify)",
    "VM.Allocate": "Create, clone, delete and forget VMs",
    "VM.Snapshot": "Take, revert and delete snapshots",
    "VM.Migrate": "Migrate to another host",
    "VM.Backup": "Back up and restore",
  },
  Storage: {
    "Datastore.Audit": "See pools and their volumes",
    "Datastore.AllocateSpace": "Create, upload, download, clone, resize and delete volumes",
    "Datastore.Allocate": "Create, start, stop and delete pools",
  },
  Networks: {
    "Network.Audit": "See networks and their leases",
    "Network.Use": "Put a VM's NIC on the network",
    "Network.Allocate": "Create, start, stop and delete networks; static DHCP hosts",
  },
  System: {
    "Sys.Audit": "Read the audit log",
    "Sys.Modify":
      "Reach the Virtdeck server or the host itself: host URI options that read local files or sockets, raw QEMU arguments, host devices, paths outside pools",
    "User.Modify": "Create, disable and delete users and groups; see every session and token",
    "Permissions.Modify": "Grant and revoke permissions; roles; VM group membership",
  },
} as const;

type Groups = typeof PRIVILEGE_GROUPS;
export type Privilege = { [G in keyof Groups]: keyof Groups[G] }[keyof Groups] & string;

export const PRIVILEGES: readonly Privilege[] = Object.values(PRIVILEGE_GROUPS).flatMap(
  (g) => Object.keys(g) as Privilege[],
);

const KNOWN: ReadonlySet<string> = new Set(PRIVILEGES);

export function isPrivilege(name: string): name is Privilege {
  return KNOWN.has(name);
}

export function describePrivilege(p: Privilege): string {
  for (const group of Object.values(PRIVILEGE_GROUPS))
    if (p in group) return (group as Record<string, string>)[p]!;
  return p;
}

const VM_ALL: Privilege[] = PRIVILEGES.filter((p) => p.startsWith("VM."));

/** The roles every installation has; they cannot be edited or deleted. */
export const BUILTIN_ROLES: Readonly<Record<string, { privileges: Privilege[]; about: string }>> = {
  Administrator: { privileges: [...PRIVILEGES], about: "Everything" },
  Operator: {
    privileges: [
      ...VM_ALL.filter((p) => p !== "VM.Config.XML"),
      "Host.Audit",
      "Datastore.Audit",
      "Datastore.AllocateSpace",
      "Network.Audit",
      "Network.Use",
    ],
    about: "Everything on VMs but raw XML; volumes; NICs on networks",
  },
  VMUser: {
    privileges: ["VM.Audit", "VM.PowerMgmt", "VM.Console", "VM.Config.CDROM"],
    about: "See, power, open consoles, change CD-ROM media",
  },
  Auditor: {
    privileges: PRIVILEGES.filter((p) => p.endsWith(".Audit")),
    about: "Sees everything and the audit log; changes nothing",
  },
  NoAccess: { privileges: [], about: "Cancels every grant below where it is given" },
};

/** NoAccess wins over every other role on the same object (as in Proxmox). */
export const NO_ACCESS = "NoAccess";

/** Which privilege shows an object exists: without it (and the one asked for) it is not found. */
export const SEE: Readonly<Record<string, Privilege>> = {
  host: "Host.Audit",
  vm: "VM.Audit",
  pool: "Datastore.Audit",
  network: "Network.Audit",
};
