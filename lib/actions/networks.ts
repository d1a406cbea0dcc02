"use server";
import { createNetwork } from "@/lib/networks/create-network";
import { addDhcpHost, removeDhcpHost } from "@/lib/networks/dhcp-hosts";
import {
  deleteNetwork,
  setNetworkAutostart,
  startNetwork,
  stopNetwork,
} from "@/lib/networks/network-actions";
import {
  createNetworkSchema,
  deleteNetworkSchema,
  dhcpHostSchema,
  networkActionSchema,
} from "@/lib/schemas/network";
import { authedAction } from "./action";

export const createNetworkAction = authedAction(createNetworkSchema, async (input, user) => {
  await createNetwork(user, input);
  return { hostId: input.hostId, name: input.name };
});

export const networkAction = authedAction(networkActionSchema, async (input, user) => {
  const ref = { hostId: input.hostId, name: input.name };
  if (input.action === "start") await startNetwork(user, ref);
  else if (input.action === "stop") await stopNetwork(user, ref);
  else await setNetworkAutostart(user, ref, input.on);
  return ref;
});

export const deleteNetworkAction = authedAction(deleteNetworkSchema, async (input, user) => {
  await deleteNetwork(user, input, input.force);
  return { hostId: input.hostId, name: input.name };
});

export const addDhcpHostAction = authedAction(dhcpHostSchema, async (input, user) => {
  await addDhcpHost(user, input);
  return { mac: input.mac };
});

export const removeDhcpHostAction = authedAction(dhcpHostSchema, async (input, user) => {
  await removeDhcpHost(user, input);
  return { mac: input.mac };
});
