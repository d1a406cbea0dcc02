// Pieces the VM operations share: the rule's object (the VM named by the input's `id`).
import { type Target, vm } from "@/lib/access/targets";

/** `on`/`target` of a rule on the VM named by the input's `id`. */
export const onVm = { on: "vm", target: (i: { id: string }): Target => vm(i.id) } as const;
