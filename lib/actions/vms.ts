"use server";
import { toActionError } from "@/lib/errors";
import { forgetVm, updateVmLabels } from "@/lib/inventory/update-labels";
import {
  vmActionSchema,
  vmAutostartSchema,
  vmBulkActionSchema,
  vmIdSchema,
  vmLabelsSchema,
} from "@/lib/schemas/vm";
import { runVmAction, setVmAutostart } from "@/lib/vms/run-action";
import { authedAction } from "./action";

export const vmAction = authedAction(vmActionSchema, async ({ id, action }, user) => {
  await runVmAction(user, id, action);
  return { id, action };
});

export const vmAutostartAction = authedAction(
  vmAutostartSchema,
  async ({ id, autostart }, user) => {
    await setVmAutostart(user, id, autostart);
    return { id, autostart };
  },
);

/** Runs the action on each VM independently: one failure does not stop the others. */
export const vmBulkAction = authedAction(vmBulkActionSchema, async ({ ids, action }, user) => {
  const results = await Promise.allSettled(ids.map((id) => runVmAction(user, id, action)));
  const failed = results.flatMap((r, i) =>
    r.status === "rejected" ? [{ id: ids[i]!, error: toActionError(r.reason) }] : [],
  );
  return { done: ids.length - failed.length, failed };
});

export const vmLabelsAction = authedAction(vmLabelsSchema, async ({ id, tags, notes }, user) => {
  await updateVmLabels(user, id, tags, notes);
  return { id };
});

export const forgetVmAction = authedAction(vmIdSchema, async ({ id }, user) => {
  await forgetVm(user, id);
  return { id };
});
