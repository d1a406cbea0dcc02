"use server";
import { z } from "zod";
import { proposeNetwork } from "@/lib/networks/proposals";
import { addNic, changeNicSource, removeNic } from "@/lib/networks/vm-nics";
import { addNicSchema, changeNicSchema, removeNicSchema } from "@/lib/schemas/network";
import { authedAction } from "./action";

export const addNicAction = authedAction(addNicSchema, (input, user) =>
  addNic(user, input.id, input),
);

export const removeNicAction = authedAction(removeNicSchema, (input, user) =>
  removeNic(user, input.id, input.mac),
);

export const changeNicAction = authedAction(changeNicSchema, (input, user) =>
  changeNicSource(user, input.id, input),
);

/** What a NIC can be put on: the host's networks and its own bridges (a read, not a change). */
export const nicTargetsAction = authedAction(
  z.object({ hostId: z.string().min(1).max(64) }),
  async ({ hostId }) => {
    const p = await proposeNetwork(hostId);
    return { networks: p.networks, bridges: p.hostBridges };
  },
);
