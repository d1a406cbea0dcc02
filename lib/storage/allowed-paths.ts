// Where on a host a caller without Sys.Modify on / may point Virtdeck: pools only under the
// allowed roots (/var/lib/libvirt/images and VIRTDECK_POOL_ROOTS), and a VM's media, kernel and
// disks only in the host's pools or under those roots. Anywhere else (/etc, /root, a mount over a
// system directory) hands the VM, or a pool's users, the host's own files: libvirt even relabels
// such files for QEMU.
import "server-only";
import type { Access } from "@/lib/access/access";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { CreatePoolInput } from "@/lib/schemas/storage";
import { poolTargetPath } from "@/lib/xml/build-storage";
import { isAtOrBelow, isBelow, normalizeHostPath } from "./host-paths";
import { poolTargetPaths } from "./read-storage";

/** libvirt's own default directory for images. */
const DEFAULT_POOL_ROOT = "/var/lib/libvirt/images";

export function poolRoots(): string[] {
  return [DEFAULT_POOL_ROOT, ...env.VIRTDECK_POOL_ROOTS];
}

/** A refusal of one field, its message naming the field (as the input checks do); `code` for a conflict. */
export function fieldRefusal(
  field: string,
  message: string,
  code: "invalid" | "conflict" = "invalid",
): AppError {
  return new AppError(code, `${field}: ${message}`, { [field]: [message] });
}

/** Refuses a new pool outside the allowed roots, unless the caller holds Sys.Modify on /. */
export function requirePoolUnderRoots(access: Access, input: CreatePoolInput): void {
  const target = poolTargetPath(input);
  const roots = poolRoots();
  if (access.holdsSysModify() || roots.some((root) => isAtOrBelow(target, root))) return;
  throw fieldRefusal(
    input.type === "logical" ? "vgName" : "path",
    `${target} is outside the allowed pool roots (${roots.join(", ")}); a pool elsewhere needs Sys.Modify on /`,
  );
}

/**
 * Refuses the first of these paths (by their input field: "source.kernel") that is neither in
 * one of the host's pools (active or not) nor under an allowed root, unless the caller holds
 * Sys.Modify on /. Empty fields are not given and pass.
 */
export async function requireAllowedPaths(
  access: Access,
  hostId: string,
  paths: Record<string, string | undefined>,
): Promise<void> {
  const given = Object.entries(paths).filter((entry): entry is [string, string] => !!entry[1]);
  if (given.length === 0 || access.holdsSysModify()) return;
  const roots = poolRoots();
  const allowed = [...(await poolTargetPaths(hostId)), ...roots];
  const outside = given.find(([, p]) => !allowed.some((dir) => isBelow(p, dir)));
  if (!outside) return;
  const [field, p] = outside;
  throw fieldRefusal(
    field,
    `${normalizeHostPath(p)} is neither in one of the host's pools nor under an allowed root (${roots.join(", ")}); that needs Sys.Modify on /`,
  );
}
