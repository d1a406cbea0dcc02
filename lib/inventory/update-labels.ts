// Tags and notes are Virtdeck's own: they live only in the database and survive renames.
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { publish } from "@/lib/live/bus";
import { toVmSummary } from "./summaries";

export async function updateVmLabels(id: string, tags: string[], notes: string): Promise<void> {
  const exists = await db.vm.findUnique({ where: { id }, select: { id: true } });
  if (!exists) throw new AppError("not_found", "No such VM");
  const unique = [...new Set(tags)];
  const vm = await db.vm.update({
    where: { id },
    data: { tags: JSON.stringify(unique), notes },
    include: { host: { select: { name: true } } },
  });
  publish({ type: "vm", vm: toVmSummary(vm) });
}

/** Removes a VM that is gone from its host from the inventory, tags and notes included. */
export async function forgetVm(id: string): Promise<{ uuid: string }> {
  const vm = await db.vm.findUnique({
    where: { id },
    include: { host: { select: { name: true } } },
  });
  if (!vm) throw new AppError("not_found", "No such VM");
  if (!vm.goneAt)
    throw new AppError(
      "conflict",
      `${vm.name} is still on ${vm.host.name}; only gone VMs can be forgotten`,
    );
  await db.vm.delete({ where: { id } });
  publish({ type: "vm-removed", id, hostId: vm.hostId, uuid: vm.uuid });
  return { uuid: vm.uuid };
}
