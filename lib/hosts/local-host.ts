// "This machine": offered as qemu:///system at the first start when its libvirtd socket exists.
import { existsSync } from "node:fs";
import os from "node:os";

const LOCAL_SOCKET = "/run/libvirt/libvirt-sock";

/** A host name for this machine when it runs libvirtd, else null. */
export function localLibvirtHostName(): string | null {
  if (!existsSync(LOCAL_SOCKET)) return null;
  const name = os
    .hostname()
    .replace(/[^\p{L}\p{N} ._-]/gu, "-")
    .replace(/^[^\p{L}\p{N}]+/u, "")
    .slice(0, 64);
  return name || "this machine";
}
