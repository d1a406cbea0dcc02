// Reading the VM inventory and Virtdeck's own data about VMs (tags, notes, forgetting).
import { z } from "zod";
import { forgetVmAccess } from "@/lib/access/forget-object";
import { operation } from "@/lib/access/operation";
import { getVm, listVmEvents, listVms } from "@/lib/inventory/list-vms";
import { toVmListItem } from "@/lib/inventory/summaries";
import { forgetVm, updateVmLabels } from "@/lib/inventory/update-labels";
import { forgetVmHistory } from "@/lib/metrics/store";
import { vmIdSchema, vmLabelsSchema, vmListQuerySchema } from "@/lib/schemas/vm";
import { refreshVmAddresses } from "@/lib/vms/vm-addresses";
import { onVm } from "./shared";

export const listVmsOp = operation({
  name: "vm.list",
  summary: "The VMs you may see, from the inventory; filter with q, host, state, tag",
  input: vmListQuerySchema,
  access: { filtered: "VM.Audit" },
  audit: false,
  run: async (query, { access }) => ({
    vms: (await listVms((v) => access.seesVm(v), query)).map(toVmListItem),
  }),
});

export const getVmOp = operation({
  name: "vm.get",
  summary: "One VM as the inventory knows it",
  input: vmIdSchema,
  access: { privilege: "VM.Audit", ...onVm },
  audit: false,
  run: async ({ id }) => ({ vm: await getVm(id) }),
});

export const vmEventsOp = operation({
  name: "vm.events",
  summary: "The VM's recent events (lifecycle, reboots, devices), newest first",
  input: vmIdSchema.extend({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
  access: { privilege: "VM.Audit", ...onVm },
  audit: false,
  run: async ({ id, limit }) => ({ events: await listVmEvents(id, limit) }),
});

export const vmAddressesOp = operation({
  name: "vm.addresses",
  summary:
    "Reads the guest's addresses again (DHCP leases, else the guest agent) into the inventory",
  input: vmIdSchema,
  access: { privilege: "VM.Audit", ...onVm },
  audit: false,
  run: async ({ id }) => {
    await refreshVmAddresses(id);
    return { vm: await getVm(id) };
  },
});

export const vmLabelsOp = operation({
  name: "vm.labels",
  summary: "Sets the VM's tags and notes (Virtdeck's own; kept across renames)",
  input: vmLabelsSchema,
  access: { privilege: "VM.Config.Options", ...onVm },
  audit: true,
  run: async ({ id, tags, notes }, { audit }) => {
    await updateVmLabels(id, tags, notes);
    audit.detail = `tags: ${[...new Set(tags)].join(", ") || "(none)"}`;
    return { id };
  },
});

export const forgetVmOp = operation({
  name: "vm.forget",
  summary: "Removes a VM that is gone from its host from the inventory, tags and notes included",
  input: vmIdSchema,
  access: { privilege: "VM.Allocate", ...onVm },
  audit: true,
  run: async ({ id }) => {
    const { uuid } = await forgetVm(id);
    await forgetVmAccess(uuid);
    await forgetVmHistory(uuid);
    return { id };
  },
});
