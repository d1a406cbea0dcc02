// A VM's NICs: VM.Config.Network on the VM, and Network.Use on the network it joins (for a NIC
// straight on a host bridge, Network.Use on the host: the bridge is the host's own).
import type { Need } from "@/lib/access/operation";
import { operation } from "@/lib/access/operation";
import { host, network, type ResolvedTarget } from "@/lib/access/targets";
import { getVm } from "@/lib/inventory/list-vms";
import { addNic, changeNicSource, removeNic } from "@/lib/networks/vm-nics";
import { addNicSchema, changeNicSchema, removeNicSchema } from "@/lib/schemas/network";
import { onVm } from "./shared";

function useOf(
  input: { type: "network" | "bridge"; source: string },
  target: ResolvedTarget,
): Need[] {
  if (target.object.kind !== "vm") return [];
  const { hostId } = target.object;
  return [
    {
      privilege: "Network.Use",
      on: input.type === "network" ? network(hostId, input.source) : host(hostId),
    },
  ];
}

export const addNicOp = operation({
  name: "vm.nic.add",
  summary: "Adds a NIC on a network of the VM's host or on a host bridge; live when it runs",
  input: addNicSchema,
  access: { privilege: "VM.Config.Network", ...onVm, also: useOf },
  audit: true,
  run: async (input, { audit }) => {
    const { id, ...spec } = input;
    const nic = await addNic(id, spec);
    audit.detail = `${nic.mac} on ${input.type} ${input.source} (${nic.applied})`;
    return { nic, vm: await getVm(id) };
  },
});

export const changeNicOp = operation({
  name: "vm.nic.change",
  summary: "Moves a NIC to another network or bridge",
  input: changeNicSchema,
  access: { privilege: "VM.Config.Network", ...onVm, also: useOf },
  audit: true,
  run: async (input, { audit }) => {
    const nic = await changeNicSource(input.id, input);
    audit.detail = `${input.mac} to ${input.type} ${input.source} (${nic.applied})`;
    return { nic, vm: await getVm(input.id) };
  },
});

export const removeNicOp = operation({
  name: "vm.nic.remove",
  summary: "Removes the NIC with this MAC",
  input: removeNicSchema,
  access: { privilege: "VM.Config.Network", ...onVm },
  audit: true,
  run: async (input, { audit }) => {
    const nic = await removeNic(input.id, input.mac);
    audit.detail = `${input.mac} (${nic.applied})`;
    return { nic, vm: await getVm(input.id) };
  },
});
