"use server";
import { z } from "zod";
import { vmIdSchema } from "@/lib/schemas/vm";
import { createVmSchema } from "@/lib/schemas/vm-create";
import {
  attachDiskSchema,
  bootOrderSchema,
  cloneVmSchema,
  deleteVmSchema,
  detachDiskSchema,
  vmCdromSchema,
  vmDescriptionSchema,
  vmRenameSchema,
  vmResourcesSchema,
  vmXmlSchema,
} from "@/lib/schemas/vm-edit";
import { cloneVm } from "@/lib/vms/clone-vm";
import { readCreateVmOptions } from "@/lib/vms/create-options";
import { createVm, previewDomainXml } from "@/lib/vms/create-vm";
import { deleteVm } from "@/lib/vms/delete-vm";
import {
  readVmXml,
  renameVm,
  saveVmXml,
  setCdromMedia,
  setVmDescription,
  setVmResources,
} from "@/lib/vms/edit-vm";
import { attachDisk, detachDisk, setBootOrder } from "@/lib/vms/vm-disks";
import { authedAction } from "./action";

export const createVmAction = authedAction(createVmSchema, (input, user) => createVm(user, input));

/** The review step: the same validation as create, and the XML that create would define. */
export const previewVmXmlAction = authedAction(createVmSchema, async (input) => ({
  xml: await previewDomainXml(input),
}));

export const createVmOptionsAction = authedAction(
  z.object({ hostId: z.string().min(1) }),
  ({ hostId }) => readCreateVmOptions(hostId),
);

export const deleteVmAction = authedAction(deleteVmSchema, async (input, user) => {
  await deleteVm(user, input);
  return { id: input.id };
});

export const cloneVmAction = authedAction(cloneVmSchema, (input, user) => cloneVm(user, input));

export const vmResourcesAction = authedAction(vmResourcesSchema, (input, user) =>
  setVmResources(user, input),
);

export const vmDescriptionAction = authedAction(vmDescriptionSchema, async (input, user) => {
  await setVmDescription(user, input);
  return { id: input.id };
});

export const renameVmAction = authedAction(vmRenameSchema, async (input, user) => {
  await renameVm(user, input);
  return { id: input.id, name: input.name };
});

export const vmCdromAction = authedAction(vmCdromSchema, async (input, user) => {
  await setCdromMedia(user, input);
  return { id: input.id };
});

/** Loads the persistent XML into the editor when the operator opens it (not a poll). */
export const readVmXmlAction = authedAction(vmIdSchema, async ({ id }) => ({
  xml: await readVmXml(id),
}));

export const saveVmXmlAction = authedAction(vmXmlSchema, async (input, user) => {
  await saveVmXml(user, input);
  return { id: input.id };
});

export const attachDiskAction = authedAction(attachDiskSchema, async (input, user) => ({
  target: await attachDisk(user, input),
}));

export const detachDiskAction = authedAction(detachDiskSchema, async (input, user) => {
  await detachDisk(user, input);
  return { target: input.target };
});

export const bootOrderAction = authedAction(bootOrderSchema, async (input, user) => {
  await setBootOrder(user, input);
  return { order: input.order };
});
