"use server";
import { revalidatePath } from "next/cache";
import { recordAudit } from "@/lib/audit/record";
import { connectionManager } from "@/lib/hosts/connection-manager";
import { hostTarget } from "@/lib/hosts/start";
import { createHost, deleteHost } from "@/lib/hosts/store";
import { createHostSchema, hostIdSchema } from "@/lib/schemas/host";
import { authedAction } from "./action";

export const addHostAction = authedAction(createHostSchema, async (input, user) => {
  try {
    const host = await createHost(input);
    connectionManager().add(hostTarget(host));
    await recordAudit({
      user,
      action: "host.add",
      target: `${host.name} (${host.uri})`,
      outcome: "ok",
    });
    revalidatePath("/hosts");
    return { id: host.id };
  } catch (error) {
    await recordAudit({
      user,
      action: "host.add",
      target: input.name,
      outcome: "error",
      detail: String(error),
    });
    throw error;
  }
});

export const removeHostAction = authedAction(hostIdSchema, async ({ id }, user) => {
  const host = await deleteHost(id);
  await connectionManager().remove(id);
  await recordAudit({
    user,
    action: "host.remove",
    target: `${host.name} (${host.uri})`,
    outcome: "ok",
  });
  revalidatePath("/hosts");
  return { id };
});
