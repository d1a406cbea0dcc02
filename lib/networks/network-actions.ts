// Start, stop, autostart and delete, through changeNetwork.
import { AppError } from "@/lib/errors";
import { changeNetwork } from "./change-network";
import { vmsByNetwork } from "./read-networks";

type Ref = { hostId: string; name: string };

export function startNetwork(ref: Ref): Promise<void> {
  return changeNetwork(ref, "start", async ({ conn }) =>
    conn.networks.start(await conn.networks.lookupByName(ref.name)),
  );
}

export function stopNetwork(ref: Ref): Promise<void> {
  return changeNetwork(ref, "stop", async ({ conn }) =>
    conn.networks.destroy(await conn.networks.lookupByName(ref.name)),
  );
}

export function setNetworkAutostart(ref: Ref, on: boolean): Promise<void> {
  return changeNetwork(ref, "autostart", async ({ conn }) =>
    conn.networks.setAutostart(await conn.networks.lookupByName(ref.name), on),
  );
}

/** Refused while inventory VMs have a NIC on it, unless the operator confirmed (force). */
export function deleteNetwork(ref: Ref, force: boolean): Promise<void> {
  return changeNetwork(ref, "delete", async ({ conn, host }) => {
    const net = await conn.networks.lookupByName(ref.name);
    const users = (await vmsByNetwork(host.id)).get(ref.name) ?? [];
    if (users.length > 0 && !force)
      throw new AppError(
        "conflict",
        `${ref.name} is used by ${users.map((v) => v.name).join(", ")}: confirm to delete it anyway`,
      );
    if (await conn.networks.isActive(net)) await conn.networks.destroy(net);
    // A transient network is gone once stopped; a persistent one is undefined too.
    const still = (await conn.networks.list(0)).some((n) => n.uuid === net.uuid);
    if (still) await conn.networks.undefine(net);
  });
}
