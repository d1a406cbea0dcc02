"use server";
import {
  cloneVolumeSchema,
  createPoolSchema,
  createVolumeSchema,
  deletePoolSchema,
  deleteVolumeSchema,
  poolActionSchema,
  resizeVolumeSchema,
} from "@/lib/schemas/storage";
import { createVolume } from "@/lib/storage/create-volume";
import { createPool, deletePool, poolAction } from "@/lib/storage/pool-actions";
import {
  cloneVolume,
  deleteVolume,
  resizeVolume,
  volumeCopyProgress,
} from "@/lib/storage/volume-actions";
import { authedAction } from "./action";

export const createPoolAction = authedAction(createPoolSchema, async (input, user) => {
  await createPool(user, input);
  return { hostId: input.hostId, pool: input.name };
});

export const poolActionAction = authedAction(poolActionSchema, async (input, user) => {
  await poolAction(user, input);
  return { hostId: input.hostId, pool: input.pool };
});

export const deletePoolAction = authedAction(deletePoolSchema, async (input, user) => {
  await deletePool(user, input, input.deleteStorage);
  return { hostId: input.hostId, pool: input.pool };
});

export const createVolumeAction = authedAction(createVolumeSchema, (input, user) =>
  createVolume(user, input),
);

export const resizeVolumeAction = authedAction(resizeVolumeSchema, async (input, user) => {
  await resizeVolume(user, input, input.capacity, input.shrink);
  return { volume: input.volume };
});

export const cloneVolumeAction = authedAction(cloneVolumeSchema, (input, user) =>
  cloneVolume(user, input, input.name, volumeCopyProgress(user, input)),
);

export const deleteVolumeAction = authedAction(deleteVolumeSchema, async (input, user) => {
  await deleteVolume(user, input);
  return { volume: input.volume };
});
