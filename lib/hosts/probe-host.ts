// "Test connection": connects once with what the operator typed, reads who answered, and
// closes. Bounded by the same timeout as every connection, so a dead host answers quickly.
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { type ConnectOptions, connect, type HostKeyInfo, parseUri } from "@/lib/libvirt";
import { open } from "@/lib/secrets/box";
import { describeHostError } from "./describe-error";
import { CONNECT_TIMEOUT_MS } from "./host-link";
import { checkPrivateKey } from "./ssh-key";

export interface ProbeInput {
  uri: string;
  sshUser?: string | undefined;
  privateKey?: string | undefined;
  sshHostKey?: string | undefined;
  /** For an edit without a new key: the host whose stored key to use. */
  hostId?: string | undefined;
}

export interface ProbeResult {
  hostname: string;
  libvirtVersion: string;
  hypervisor: string;
  hypervisorVersion: string;
  /** SSH only: the key the host offered ("type base64") and its fingerprint. */
  hostKey: { openssh: string; type: string; fingerprint: string } | null;
}

async function storedKey(hostId: string | undefined): Promise<string | undefined> {
  if (!hostId) return undefined;
  const host = await db.host.findUnique({ where: { id: hostId }, include: { sshKey: true } });
  return host?.sshKey ? open(host.sshKey.encryptedKey) : undefined;
}

/**
 * Connects and reports what was reached. With `trustOffered`, an SSH host key not accepted yet
 * is taken for this one connection (trust on first use: the operator sees the fingerprint before
 * saving); otherwise it must match `sshHostKey` (or known_hosts when none is given).
 */
export async function probeHost(
  input: ProbeInput,
  {
    trustOffered,
    detailedErrors,
  }: {
    trustOffered: boolean;
    /**
     * Why a connection failed (refused, no such socket, timed out, publickey) tells a port or a
     * file apart from none: only Sys.Modify holders read it; others get one sentence for all.
     */
    detailedErrors: boolean;
  },
): Promise<ProbeResult> {
  const uri = parseUri(input.uri);
  const privateKey = input.privateKey ?? (await storedKey(input.hostId));
  if (input.privateKey) checkPrivateKey(input.privateKey);
  let offered: HostKeyInfo | null = null;
  const options: ConnectOptions = {
    timeout: CONNECT_TIMEOUT_MS,
    ssh: {
      ...(input.sshUser ? { username: input.sshUser } : {}),
      ...(privateKey ? { privateKey } : {}),
      ...(input.sshHostKey ? { hostKeys: [input.sshHostKey] } : {}),
      onHostKey: (key) => {
        offered = key;
        return trustOffered && !input.sshHostKey ? true : undefined;
      },
    },
  };
  let conn: Awaited<ReturnType<typeof connect>>;
  try {
    conn = await connect(uri, options);
  } catch (error) {
    throw new AppError(
      "upstream",
      detailedErrors
        ? `Could not connect: ${describeHostError(error, uri)}`
        : `Could not connect to ${uri.host ?? "the local libvirt"}: check the URI, that libvirtd runs there and the credentials (the reason is shown to administrators with Sys.Modify)`,
    );
  }
  try {
    const [hostname, lib, hypervisor, hv] = await Promise.all([
      conn.host.hostname(),
      conn.host.libVersion(),
      conn.host.driverType(),
      conn.host.hypervisorVersion(),
    ]);
    const key = offered as HostKeyInfo | null;
    return {
      hostname,
      libvirtVersion: lib.text,
      hypervisor,
      hypervisorVersion: hv.text,
      hostKey: key
        ? { openssh: `${key.type} ${key.base64}`, type: key.type, fingerprint: key.fingerprint }
        : null,
    };
  } catch (error) {
    throw new AppError(
      "upstream",
      `Connected, but ${detailedErrors ? describeHostError(error, uri) : "the host did not answer as libvirt does"}`,
    );
  } finally {
    await conn.close();
  }
}
