// The options a host's connection is opened with: its SSH user and stored key, decrypted only
// here, at the moment of connecting.
import { db } from "@/lib/db/client";
import type { Host } from "@/lib/generated/prisma/client";
import type { ConnectOptions } from "@/lib/libvirt";
import { open } from "@/lib/secrets/box";

export async function connectOptionsFor(
  host: Pick<Host, "sshUser" | "sshKeyRef" | "sshHostKey">,
): Promise<ConnectOptions> {
  const key = host.sshKeyRef ? await db.sshKey.findUnique({ where: { id: host.sshKeyRef } }) : null;
  return {
    ssh: {
      ...(host.sshUser ? { username: host.sshUser } : {}),
      ...(key ? { privateKey: open(key.encryptedKey) } : {}),
      ...(host.sshHostKey ? { hostKeys: [host.sshHostKey] } : {}),
    },
  };
}
