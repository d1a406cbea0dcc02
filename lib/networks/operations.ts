// Virtual networks: Network.Audit to see one, Network.Allocate to create (on the host), start,
// stop, change or delete it. Putting a VM's NIC on one (Network.Use) is in lib/vms/operations.
import { z } from "zod";
import { forgetNetworkAccess } from "@/lib/access/forget-object";
import { operation } from "@/lib/access/operation";
import { displayPath } from "@/lib/access/paths";
import { host, network } from "@/lib/access/targets";
import {
  createNetworkSchema,
  deleteNetworkSchema,
  dhcpHostSchema,
  networkActionSchema,
  networkRefSchema,
} from "@/lib/schemas/network";
import { createNetwork } from "./create-network";
import { addDhcpHost, removeDhcpHost } from "./dhcp-hosts";
import { deleteNetwork, setNetworkAutostart, startNetwork, stopNetwork } from "./network-actions";
import { getNetworkDetail, getNetworkLeases } from "./network-detail";
import { proposeNetwork } from "./proposals";
import { listHostNetworks } from "./read-networks";

const hostIdInput = z.object({ hostId: z.string().min(1).max(64) });
const onNetwork = {
  on: "network",
  target: (i: { hostId: string; name: string }) => network(i.hostId, i.name),
} as const;

export const listNetworksOp = operation({
  name: "network.list",
  summary: "The host's networks you may see, read live (502 when the host is offline)",
  input: hostIdInput,
  access: { filtered: "Network.Audit" },
  audit: false,
  run: async ({ hostId }, { access }) => ({ networks: await listHostNetworks(hostId, access) }),
});

export const getNetworkOp = operation({
  name: "network.get",
  summary: "One network: settings, leases, static DHCP hosts, XML and the VMs on it",
  input: networkRefSchema,
  access: { privilege: "Network.Audit", ...onNetwork },
  audit: false,
  run: async ({ hostId, name }, { access }) => ({
    network: await getNetworkDetail(hostId, name, access),
  }),
});

export const networkLeasesOp = operation({
  name: "network.leases",
  summary: "The network's DHCP leases, matched to the VMs you may see",
  input: networkRefSchema,
  access: { privilege: "Network.Audit", ...onNetwork },
  audit: false,
  run: async ({ hostId, name }, { access }) => ({
    leases: await getNetworkLeases(hostId, name, access),
  }),
});

export const proposeNetworkOp = operation({
  name: "network.proposal",
  summary: "What Create network proposes on the host: a free bridge and /24, the host's bridges",
  input: hostIdInput,
  access: { privilege: "Network.Allocate", on: "host", target: (i) => host(i.hostId) },
  audit: false,
  run: ({ hostId }) => proposeNetwork(hostId),
});

export const createNetworkOp = operation({
  name: "network.create",
  summary: "Checks, defines and starts a NAT, private, routed, open or public bridge network",
  input: createNetworkSchema,
  access: { privilege: "Network.Allocate", on: "host", target: (i) => host(i.hostId) },
  audit: true,
  run: async (input, { audit, target }) => {
    audit.target = `${input.name} on ${target?.hostName ?? input.hostId}`;
    audit.objectPath = displayPath({ kind: "network", hostId: input.hostId, network: input.name });
    await createNetwork(input);
    return { hostId: input.hostId, name: input.name };
  },
});

export const changeNetworkStateOp = operation({
  name: "network.state",
  summary: "start, stop, or autostart (with on: false to turn it off)",
  input: networkActionSchema,
  access: { privilege: "Network.Allocate", ...onNetwork },
  audit: true,
  auditAction: ({ action, on }) =>
    action === "autostart" ? `network.autostart.${on ? "on" : "off"}` : `network.${action}`,
  run: async (input) => {
    const { action, on, ...ref } = input;
    if (action === "start") await startNetwork(ref);
    else if (action === "stop") await stopNetwork(ref);
    else await setNetworkAutostart(ref, on);
    return ref;
  },
});

export const deleteNetworkOp = operation({
  name: "network.delete",
  summary: "Stops and removes the network; refused while VMs use it unless force",
  input: deleteNetworkSchema,
  access: { privilege: "Network.Allocate", ...onNetwork },
  audit: true,
  run: async (input) => {
    await deleteNetwork(input, input.force);
    await forgetNetworkAccess(input.hostId, input.name);
    return { hostId: input.hostId, name: input.name };
  },
});

export const addDhcpHostOp = operation({
  name: "network.dhcp-host.add",
  summary: "Adds a static DHCP host (MAC → IP) to the running network and its config",
  input: dhcpHostSchema,
  access: { privilege: "Network.Allocate", ...onNetwork },
  audit: true,
  run: async (input, { audit }) => {
    audit.detail = `${input.mac} → ${input.ip}`;
    await addDhcpHost(input);
    return { mac: input.mac };
  },
});

export const removeDhcpHostOp = operation({
  name: "network.dhcp-host.remove",
  summary: "Removes a static DHCP host",
  input: dhcpHostSchema,
  access: { privilege: "Network.Allocate", ...onNetwork },
  audit: true,
  run: async (input, { audit }) => {
    audit.detail = `${input.mac} → ${input.ip}`;
    await removeDhcpHost(input);
    return { mac: input.mac };
  },
});

/** What a NIC can be put on: the host's networks and its own bridges you may use. */
export const nicTargetsOp = operation({
  name: "network.nic-targets",
  summary: "The networks and host bridges of a host a NIC may join (Network.Use)",
  input: hostIdInput,
  access: { filtered: "Network.Use" },
  audit: false,
  run: async ({ hostId }, { access }) => {
    const p = await proposeNetwork(hostId);
    return {
      networks: p.networks.filter((n) =>
        access.can("Network.Use", { kind: "network", hostId, network: n }),
      ),
      bridges: access.can("Network.Use", { kind: "host", hostId }) ? p.hostBridges : [],
    };
  },
});
