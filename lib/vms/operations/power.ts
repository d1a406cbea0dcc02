// Lifecycle actions, autostart and bulk actions.
import { invoke } from "@/lib/access/invoke";
import { operation } from "@/lib/access/operation";
import { toActionError } from "@/lib/errors";
import { getVm } from "@/lib/inventory/list-vms";
import { vmActionSchema, vmAutostartSchema, vmBulkActionSchema } from "@/lib/schemas/vm";
import { powerVm, setVmAutostart } from "@/lib/vms/power";
import { forgetVmOp } from "./inventory";
import { onVm } from "./shared";

export const powerVmOp = operation({
  name: "vm.power",
  summary: "start, shutdown (ACPI), destroy (force off), reboot, reset, suspend (pause) or resume",
  input: vmActionSchema,
  access: { privilege: "VM.PowerMgmt", ...onVm },
  audit: true,
  auditAction: ({ action }) => `vm.${action}`,
  run: async ({ id, action }) => {
    await powerVm(id, action);
    return { vm: await getVm(id) };
  },
});

export const vmAutostartOp = operation({
  name: "vm.autostart",
  summary: "Starts the VM with its host (or not)",
  input: vmAutostartSchema,
  access: { privilege: "VM.Config.Options", ...onVm },
  audit: true,
  auditAction: ({ autostart }) => `vm.autostart.${autostart ? "on" : "off"}`,
  run: async ({ id, autostart }) => {
    await setVmAutostart(id, autostart);
    return { id, autostart };
  },
});

/**
 * Runs the action on each VM independently, each through the wrapper (its own permission check
 * and audit row): one refusal or failure does not stop the others. "forget" removes gone VMs
 * from the inventory (vm.forget, VM.Allocate on each).
 */
export const bulkPowerOp = operation({
  name: "vm.bulk",
  summary:
    "Starts, shuts down or forgets (gone) several VMs; each needs its own privilege and is reported apart",
  input: vmBulkActionSchema,
  access: { filtered: "VM.PowerMgmt" },
  audit: false,
  run: async ({ ids, action }, { user, clientAddress, userAgent }) => {
    const results = await Promise.allSettled(
      ids.map((id) =>
        action === "forget"
          ? invoke(forgetVmOp, { user, clientAddress, userAgent }, { id })
          : invoke(powerVmOp, { user, clientAddress, userAgent }, { id, action }),
      ),
    );
    const failed = results.flatMap((r, i) =>
      r.status === "rejected" ? [{ id: ids[i]!, error: toActionError(r.reason) }] : [],
    );
    return { done: ids.length - failed.length, failed };
  },
});
