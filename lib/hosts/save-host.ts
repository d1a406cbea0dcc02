// Adding and editing a host: the input is checked, the connection tested with exactly what will
// be stored (a host that cannot be reached is not saved), and the private key sealed.
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Host } from "@/lib/generated/prisma/client";
import { parseUri } from "@/lib/libvirt";
import type { CreateHostInput, UpdateHostInput } from "@/lib/schemas/host";
import { seal } from "@/lib/secrets/box";
import { connectionManager } from "./connection-manager";
import { type ProbeResult, probeHost } from "./probe-host";
import { checkPrivateKey } from "./ssh-key";
import { hostTarget } from "./start";

/** SSH fields only mean something for qemu+ssh; for other URIs they are dropped, not stored. */
function sshFields(input: CreateHostInput) {
  if (parseUri(input.uri).transport !== "ssh")
    return { sshUser: undefined, privateKey: undefined, sshHostKey: undefined };
  return { sshUser: input.sshUser, privateKey: input.privateKey, sshHostKey: input.sshHostKey };
}

async function assertNameFree(name: string, exceptId?: string): Promise<void> {
  const existing = await db.host.findUnique({ where: { name } });
  if (existing && existing.id !== exceptId)
    throw new AppError("conflict", `A host named '${name}' already exists`);
}

function sealedKey(privateKey: string) {
  return { fingerprint: checkPrivateKey(privateKey).fingerprint, encryptedKey: seal(privateKey) };
}

export async function createHost(
  input: CreateHostInput,
  detailedErrors: boolean,
): Promise<{ host: Host; probe: ProbeResult }> {
  await assertNameFree(input.name);
  const ssh = sshFields(input);
  const probe = await probeHost(
    { uri: input.uri, ...ssh },
    { trustOffered: false, detailedErrors },
  );
  const host = await db.host.create({
    data: {
      name: input.name,
      uri: input.uri,
      sshUser: ssh.sshUser ?? null,
      sshHostKey: ssh.sshHostKey ?? null,
      ...(ssh.privateKey ? { sshKey: { create: sealedKey(ssh.privateKey) } } : {}),
    },
  });
  connectionManager().add(hostTarget(host));
  return { host, probe };
}

export async function updateHost(
  input: UpdateHostInput,
  detailedErrors: boolean,
): Promise<{ host: Host; probe: ProbeResult }> {
  const before = await db.host.findUnique({ where: { id: input.id } });
  if (!before) throw new AppError("not_found", "That host no longer exists");
  await assertNameFree(input.name, input.id);
  const ssh = sshFields(input);
  const keepKey = !ssh.privateKey && parseUri(input.uri).transport === "ssh";
  const probe = await probeHost(
    { uri: input.uri, ...ssh, hostId: keepKey ? input.id : undefined },
    { trustOffered: false, detailedErrors },
  );
  const host = await db.$transaction(async (tx) => {
    const updated = await tx.host.update({
      where: { id: input.id },
      data: {
        name: input.name,
        uri: input.uri,
        sshUser: ssh.sshUser ?? null,
        sshHostKey: ssh.sshHostKey ?? null,
        ...(ssh.privateKey
          ? { sshKey: { create: sealedKey(ssh.privateKey) } }
          : keepKey
            ? {}
            : { sshKey: { disconnect: true } }),
      },
    });
    if (before.sshKeyRef && before.sshKeyRef !== updated.sshKeyRef)
      await tx.sshKey.delete({ where: { id: before.sshKeyRef } });
    return updated;
  });
  // Reconnect with what was just saved.
  await connectionManager().remove(host.id);
  connectionManager().add(hostTarget(host));
  return { host, probe };
}
