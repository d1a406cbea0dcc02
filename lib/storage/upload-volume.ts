// Uploads a file from the browser into a new volume. The request body is piped into libvirt's
// upload stream with back-pressure (pipeline), never held in memory; the declared size
// (Content-Length) is checked against the pool's free space before anything is created, and a
// volume whose upload fails or is cancelled is deleted again.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { AppError } from "@/lib/errors";
import { hostConnection } from "@/lib/hosts/live-read";
import type { Connection, PoolRef } from "@/lib/libvirt";
import type { UploadVolumeInput } from "@/lib/schemas/storage";
import { buildVolumeXml } from "@/lib/xml/build-storage";
import { countBytes } from "./count-bytes";
import { refuseExisting } from "./create-volume";
import { formatBytes } from "./sizes";
import { openTransferConnection } from "./transfer-connection";

/** Who follows an upload (its task): the bytes received so far, and a way to stop it. */
export interface UploadWatch {
  onBytes: (seen: number) => void;
  signal: AbortSignal;
}

export type UploadedVolume = { name: string; path: string; bytes: number };

/** Uploads `body` into the new volume (checked first: see planUpload). */
export async function uploadVolume(
  input: UploadVolumeInput,
  body: ReadableStream<Uint8Array>,
  watch?: UploadWatch,
): Promise<UploadedVolume> {
  return (await planUpload(input))(body, watch);
}

/**
 * Checks an upload before anything is made (the pool exists, the name is free, the declared
 * size fits) and returns the upload itself.
 */
export async function planUpload(input: UploadVolumeInput) {
  const { conn } = await hostConnection(input.hostId);
  const pool = await conn.storage.lookupPool(input.pool);
  await refuseExisting(conn, pool, input.name);
  const info = await conn.storage.poolInfo(pool);
  if (input.size > info.available)
    throw new AppError(
      "invalid",
      `The file (${formatBytes(input.size)}) is larger than the ${formatBytes(info.available)} free in ${input.pool}`,
    );
  return (body: ReadableStream<Uint8Array>, watch?: UploadWatch) =>
    send(input, conn, pool, body, watch);
}

async function send(
  input: UploadVolumeInput,
  conn: Connection,
  pool: PoolRef,
  body: ReadableStream<Uint8Array>,
  watch?: UploadWatch,
): Promise<UploadedVolume> {
  const format = input.format === "qcow2" ? "qcow2" : "raw";
  const vol = await conn.storage.createVolume(
    pool,
    buildVolumeXml({ name: input.name, capacity: input.size, format }),
  );
  const transfer = await openTransferConnection(input.hostId).catch(async (error: unknown) => {
    await conn.storage.deleteVolume(vol).catch(() => undefined);
    throw error;
  });
  try {
    const stream = await transfer.streams.upload(vol, 0, input.size);
    const { stream: counter, seen } = countBytes(watch?.onBytes ?? (() => {}), {
      bytes: input.size,
      message: "The upload is longer than its Content-Length",
    });
    const source = Readable.fromWeb(body as WebReadableStream<Uint8Array>);
    await pipeline(source, counter, stream, watch ? { signal: watch.signal } : {});
    if (seen() !== input.size)
      throw new AppError(
        "invalid",
        `The upload ended after ${seen()} of ${input.size} bytes (cancelled?)`,
      );
    await conn.storage.refreshPool(pool).catch(() => undefined);
    return { name: vol.name, path: await conn.storage.volumePath(vol), bytes: seen() };
  } catch (error) {
    await conn.storage.deleteVolume(vol).catch(() => undefined);
    if (watch?.signal.aborted)
      throw new AppError("conflict", "The upload was cancelled; the partial volume was deleted");
    // The browser's Cancel (or a dropped connection) is an expected end, not a server fault.
    if ((error as { code?: unknown } | null)?.code === "ECONNRESET")
      throw new AppError("invalid", "The upload was cancelled; the partial volume was deleted");
    throw error;
  } finally {
    await transfer.close().catch(() => undefined);
  }
}
