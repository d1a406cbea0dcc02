"use server";
import { revalidatePath } from "next/cache";
import { probeHost } from "@/lib/hosts/probe-host";
import { createHost, updateHost } from "@/lib/hosts/save-host";
import { deleteHost } from "@/lib/hosts/store";
import { toHostSummary } from "@/lib/inventory/summaries";
import {
  createHostSchema,
  hostIdSchema,
  testHostSchema,
  updateHostSchema,
} from "@/lib/schemas/host";
import { authedAction } from "./action";

/**
 * Connects once with what the form holds and says what answered. An SSH host key not accepted
 * yet is taken for this test only and returned, so the operator sees its fingerprint; saving
 * then stores exactly that key (trust on first use, as ssh and virt-manager do).
 */
export const testHostAction = authedAction(testHostSchema, async (input) =>
  probeHost(
    {
      uri: input.uri,
      sshUser: input.sshUser,
      privateKey: input.privateKey,
      sshHostKey: input.sshHostKey,
      hostId: input.id,
    },
    { trustOffered: true },
  ),
);

export const addHostAction = authedAction(createHostSchema, async (input, user) => {
  const { host } = await createHost(input, user);
  revalidatePath("/hosts");
  revalidatePath("/");
  return toHostSummary(host);
});

export const updateHostAction = authedAction(updateHostSchema, async (input, user) => {
  const { host } = await updateHost(input, user);
  revalidatePath("/hosts");
  revalidatePath(`/hosts/${host.id}`);
  return toHostSummary(host);
});

export const removeHostAction = authedAction(hostIdSchema, async ({ id }, user) => {
  await deleteHost(id, user);
  revalidatePath("/hosts");
  revalidatePath("/");
  return { id };
});
