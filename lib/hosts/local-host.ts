import "server-only";
// "This machine": offered as qemu:///system at the first start when its libvirtd socket exists,
// under the name that libvirtd gives itself (virConnectGetHostname), as the host page will show
// it: the process's own hostname can differ (a container or namespace of its own).
import { existsSync } from "node:fs";
import os from "node:os";
import { connect } from "@/lib/libvirt";

const LOCAL_SOCKET = "/run/libvirt/libvirt-sock";
const LOCAL_URI = "qemu:///system";
/** The offer must not hold the Hosts page: a silent libvirtd falls back to the machine's name. */
const ASK_TIMEOUT_MS = 2_000;

/** A name the Hosts form accepts: letters, digits, space, `.`, `_` and `-`, a letter or digit first. */
function asHostName(raw: string): string {
  return raw
    .replace(/[^\p{L}\p{N} ._-]/gu, "-")
    .replace(/^[^\p{L}\p{N}]+/u, "")
    .slice(0, 64);
}

async function libvirtHostname(): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const giveUp = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ASK_TIMEOUT_MS);
  });
  const ask = (async () => {
    const conn = await connect(LOCAL_URI, { timeout: ASK_TIMEOUT_MS });
    try {
      return await conn.host.hostname();
    } finally {
      await conn.close();
    }
  })().catch(() => null);
  try {
    return await Promise.race([ask, giveUp]);
  } finally {
    clearTimeout(timer);
  }
}

/** A host name for this machine when it runs libvirtd, else null. */
export async function localLibvirtHostName(): Promise<string | null> {
  if (!existsSync(LOCAL_SOCKET)) return null;
  const name = asHostName((await libvirtHostname()) ?? os.hostname());
  return name || "this machine";
}
