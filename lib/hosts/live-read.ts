// Live reads of a host (networks, storage, VM creation options): the stored host with its live
// connection, refused at once when it is not online, and a short limit so that a host that is
// connected but stops answering never holds a page.
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { connectionManager } from "./connection-manager";

export const LIVE_READ_MS = 5_000;

export function withTimeout<T>(promise: Promise<T>, what: string, ms = LIVE_READ_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new AppError("upstream", `${what} did not answer within ${ms / 1000} s`)),
      ms,
    );
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/** A stored host and its live connection; refuses at once when it is not online. */
export async function hostConnection(hostId: string) {
  const host = await db.host.findUnique({
    where: { id: hostId },
    select: { id: true, name: true, status: true },
  });
  if (!host) throw new AppError("not_found", "No such host");
  return { host, conn: connectionManager().connection(host.id, host.name) };
}
