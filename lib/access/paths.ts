// The permission tree. Grants are given on a path and (by default) propagate to what is below:
//
//   /                                  everything
//   /hosts/{hostId}                    a host and all that is on it
//   /hosts/{hostId}/vms/{uuid}         a VM (its own grants are kept by UUID: see below)
//   /hosts/{hostId}/pools/{pool}       a storage pool and its volumes
//   /hosts/{hostId}/networks/{name}    a virtual network
//   /groups/{name}                     a VM group (Proxmox's resource pool): its VMs
//
// A VM sits under the host it is on now, so a host's grants reach its VMs; its own grants are
// stored under /vms/{uuid}, so they follow it through renames and migrations. Pure: the browser
// evaluates permissions with the same code.

export type AccessObject =
  | { kind: "root" }
  | { kind: "host"; hostId: string }
  | { kind: "vm"; hostId: string; uuid: string }
  | { kind: "pool"; hostId: string; pool: string }
  | { kind: "network"; hostId: string; network: string }
  | { kind: "group"; group: string };

const seg = (s: string) => encodeURIComponent(s);

/** The stored ACL key of the object's own level. */
export function ownPath(obj: AccessObject): string {
  switch (obj.kind) {
    case "root":
      return "/";
    case "host":
      return `/hosts/${seg(obj.hostId)}`;
    case "vm":
      return `/vms/${seg(obj.uuid.toLowerCase())}`;
    case "pool":
      return `/hosts/${seg(obj.hostId)}/pools/${seg(obj.pool)}`;
    case "network":
      return `/hosts/${seg(obj.hostId)}/networks/${seg(obj.network)}`;
    case "group":
      return `/groups/${seg(obj.group)}`;
  }
}

/** The stored keys from the root down to the object, in the order they are evaluated. */
export function levelsOf(obj: AccessObject): string[] {
  if (obj.kind === "root") return ["/"];
  if (obj.kind === "group") return ["/", ownPath(obj)];
  const host = `/hosts/${seg(obj.hostId)}`;
  return obj.kind === "host" ? ["/", host] : ["/", host, ownPath(obj)];
}

/** The path as operators read it: a VM's shown under its current host. */
export function displayPath(obj: AccessObject): string {
  return obj.kind === "vm"
    ? `/hosts/${seg(obj.hostId)}/vms/${seg(obj.uuid.toLowerCase())}`
    : ownPath(obj);
}

export type ParsedPath =
  | { kind: "root" }
  | { kind: "host"; hostId: string }
  | { kind: "vm"; uuid: string; hostId: string | null }
  | { kind: "pool"; hostId: string; pool: string }
  | { kind: "network"; hostId: string; network: string }
  | { kind: "group"; group: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Reads a path as an operator writes it (`/hosts/{id}/vms/{uuid}` or `/vms/{uuid}`); null when
 * it is not one of the tree's shapes.
 */
export function parsePath(path: string): ParsedPath | null {
  if (path === "/") return { kind: "root" };
  if (!path.startsWith("/") || path.endsWith("/")) return null;
  let parts: string[];
  try {
    parts = path.slice(1).split("/").map(decodeURIComponent);
  } catch {
    return null;
  }
  if (parts.some((p) => p === "")) return null;
  const [a, b, c, d, ...rest] = parts;
  if (rest.length > 0) return null;
  if (a === "vms" && b && !c) return UUID.test(b.toLowerCase()) ? vm(b, null) : null;
  if (a === "groups" && b && !c) return { kind: "group", group: b };
  if (a !== "hosts" || !b) return null;
  if (!c) return { kind: "host", hostId: b };
  if (!d) return null;
  if (c === "vms") return UUID.test(d.toLowerCase()) ? vm(d, b) : null;
  if (c === "pools") return { kind: "pool", hostId: b, pool: d };
  if (c === "networks") return { kind: "network", hostId: b, network: d };
  return null;
}

function vm(uuid: string, hostId: string | null): ParsedPath {
  return { kind: "vm", uuid: uuid.toLowerCase(), hostId };
}

/** The stored key of a parsed path (a VM's by UUID alone). */
export function storedKey(p: ParsedPath): string {
  if (p.kind === "vm") return `/vms/${seg(p.uuid)}`;
  return ownPath(p);
}
