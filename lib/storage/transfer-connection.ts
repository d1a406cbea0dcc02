// Bulk transfers get a connection of their own (lib/libvirt/README.md, "Flow control"): a
// multi-gigabyte upload on the host's shared connection would queue every other call behind it.
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { connectOptionsFor } from "@/lib/hosts/connect-options";
import { type Connection, connect } from "@/lib/libvirt";

export async function openTransferConnection(hostId: string): Promise<Connection> {
  const host = await db.host.findUnique({ where: { id: hostId } });
  if (!host) throw new AppError("not_found", "No such host");
  return connect(host.uri, { ...(await connectOptionsFor(host)), timeout: 10_000 });
}
