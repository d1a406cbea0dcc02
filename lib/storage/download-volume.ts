// Streams a volume to the browser: libvirt's download stream becomes the response body, read
// only as fast as the browser takes it (the stream pauses the transfer connection's socket).
import { Readable } from "node:stream";
import { hostConnection } from "@/lib/hosts/live-read";
import type { VolumeRefInput } from "@/lib/schemas/storage";
import { openTransferConnection } from "./transfer-connection";

export async function downloadVolume(ref: VolumeRefInput): Promise<ReadableStream<Uint8Array>> {
  await hostConnection(ref.hostId); // refuses at once for an unknown or offline host
  const conn = await openTransferConnection(ref.hostId);
  try {
    const pool = await conn.storage.lookupPool(ref.pool);
    const vol = await conn.storage.lookupVolume(pool, ref.volume);
    const stream = await conn.streams.download(vol, 0, 0);
    const close = () => void conn.close().catch(() => undefined);
    stream.once("close", close);
    stream.once("error", close);
    return Readable.toWeb(stream) as ReadableStream<Uint8Array>;
  } catch (error) {
    await conn.close().catch(() => undefined);
    throw error;
  }
}
