// Where on a host a caller without Sys.Modify on / may point Virtdeck: pools only under the
// allowed roots (/var/lib/libvirt/images and VIRTDECK_POOL_ROOTS). A pool elsewhere (/etc, /root,
// a mount over a system directory) would hand its volumes' users the host's own files.
import "server-only";
import type { Access } from "@/lib/access/access";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { CreatePoolInput } from "@/lib/schemas/storage";
import { poolTargetPath } from "@/lib/xml/build-storage";
import { isAtOrBelow } from "./host-paths";

/** libvirt's own default directory for images. */
const DEFAULT_POOL_ROOT = "/var/lib/libvirt/images";

export function poolRoots(): string[] {
  return [DEFAULT_POOL_ROOT, ...env.VIRTDECK_POOL_ROOTS];
}

function holdsSysModify(access: Access): boolean {
  return access.can("Sys.Modify", { kind: "root" });
}

/** A refusal of one field, its message naming the field (as the input checks do). */
function fieldRefusal(field: string, message: string): AppError {
  return new AppError("invalid", `${field}: ${message}`, { [field]: [message] });
}

/** Refuses a new pool outside the allowed roots, unless the caller holds Sys.Modify on /. */
export function requirePoolUnderRoots(access: Access, input: CreatePoolInput): void {
  const target = poolTargetPath(input);
  const roots = poolRoots();
  if (holdsSysModify(access) || roots.some((root) => isAtOrBelow(target, root))) return;
  throw fieldRefusal(
    input.type === "logical" ? "vgName" : "path",
    `${target} is outside the allowed pool roots (${roots.join(", ")}); a pool elsewhere needs Sys.Modify on /`,
  );
}
