// Pieces the VM operations share: the rule's object (the VM named by the input's `id`).
import { type ResolvedTarget, type Target, vm } from "@/lib/access/targets";
import { AppError } from "@/lib/errors";

/** `on`/`target` of a rule on the VM named by the input's `id`. */
export const onVm = { on: "vm", target: (i: { id: string }): Target => vm(i.id) } as const;

/** The host of the VM an `onVm` operation resolved. */
export function hostOf(target: ResolvedTarget | null): string {
  if (target?.object.kind !== "vm") throw new AppError("not_found", "No such VM");
  return target.object.hostId;
}
