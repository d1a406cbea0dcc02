"use server";
import { revalidatePath } from "next/cache";
import { recordAudit } from "@/lib/audit/record";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { apiTokenIdSchema, createApiTokenSchema } from "@/lib/schemas/api-token";
import { authedAction } from "./action";

/** Returns the token itself this once; it is never shown again. */
export const createApiTokenAction = authedAction(createApiTokenSchema, async ({ name }, user) => {
  const { token, summary } = await createApiToken(user.userId, name);
  await recordAudit({
    user,
    action: "api-token.create",
    target: `${name} (${summary.prefix}…)`,
    outcome: "ok",
  });
  revalidatePath("/settings");
  return { token };
});

export const revokeApiTokenAction = authedAction(apiTokenIdSchema, async ({ id }, user) => {
  const revoked = await revokeApiToken(user.userId, id);
  await recordAudit({
    user,
    action: "api-token.revoke",
    target: `${revoked.name} (${revoked.prefix}…)`,
    outcome: "ok",
  });
  revalidatePath("/settings");
  return { id };
});
