// Tags and notes are Virtdeck's own: they live only in the database and survive renames.
import { recordAudit } from "@/lib/audit/record";
import type { SessionUser } from "@/lib/auth/session-store";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { publish } from "@/lib/live/bus";
import { toVmSummary } from "./summaries";

export async function updateVmLabels(
  user: SessionUser,
  id: string,
  tags: string[],
  notes: string,
): Promise<void> {
  const exists = await db.vm.findUnique({ where: { id }, select: { id: true } });
  if (!exists) throw new AppError("not_found", "No such VM");
  const unique = [...new Set(tags)];
  const vm = await db.vm.update({
    where: { id },
    data: { tags: JSON.stringify(unique), notes },
    include: { host: { select: { name: true } } },
  });
  publish({ type: "vm", vm: toVmSummary(vm) });
  await recordAudit({
    user,
    action: "vm.labels",
    target: `${vm.name} on ${vm.host.name}`,
    outcome: "ok",
    detail: `tags: ${unique.join(", ") || "(none)"}`,
  });
}

/** Removes a VM that is gone from its host from the inventory, tags and notes included. */
export async function forgetVm(user: SessionUser, id: string): Promise<void> {
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
  publish({ type: "vm-removed", id });
  await recordAudit({
    user,
    action: "vm.forget",
    target: `${vm.name} on ${vm.host.name}`,
    outcome: "ok",
  });
}
