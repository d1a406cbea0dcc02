// Streams a volume to the browser: libvirt's download stream becomes the response body, read
// only as fast as the browser takes it (the stream pauses the transfer connection's socket).
// The bytes sent are counted for the download's task, which can stop it.
import { Readable } from "node:stream";
import { AppError } from "@/lib/errors";
import { hostConnection } from "@/lib/hosts/live-read";
import type { VolumeRefInput } from "@/lib/schemas/storage";
import { parseVolumeXml } from "@/lib/xml/parse-storage";
import { countBytes } from "./count-bytes";
import { openTransferConnection } from "./transfer-connection";

export interface VolumeDownload {
  body: ReadableStream<Uint8Array>;
  /** The bytes the stream will send: the volume file's size. */
  size: number;
  /** Resolves with the bytes sent once the browser has them all; rejects when it stops early. */
  sent(onBytes: (done: number) => void): Promise<number>;
  /** Stops the download (the browser's download fails). */
  abort(): void;
}

export async function downloadVolume(ref: VolumeRefInput): Promise<VolumeDownload> {
  await hostConnection(ref.hostId); // refuses at once for an unknown or offline host
  const conn = await openTransferConnection(ref.hostId);
  try {
    const pool = await conn.storage.lookupPool(ref.pool);
    const vol = await conn.storage.lookupVolume(pool, ref.volume);
    const parsed = parseVolumeXml(await conn.storage.volumeXml(vol));
    const size = parsed.physical ?? parsed.capacity;
    const stream = await conn.streams.download(vol, 0, 0);
    let report: (done: number) => void = () => {};
    const { stream: counter, seen } = countBytes((done) => report(done));
    stream.once("error", (e) => counter.destroy(e));
    stream.pipe(counter);
    const close = () => void conn.close().catch(() => undefined);
    counter.once("close", close);
    const ended = new Promise<number>((resolve, reject) => {
      counter.once("end", () => resolve(seen()));
      counter.once("close", () =>
        counter.readableEnded
          ? resolve(seen())
          : reject(new AppError("conflict", "The download stopped before its end")),
      );
    });
    ended.catch(() => {});
    return {
      body: Readable.toWeb(counter) as ReadableStream<Uint8Array>,
      size,
      sent(onBytes) {
        report = onBytes;
        return ended;
      },
      abort() {
        stream.destroy();
        counter.destroy(new AppError("conflict", "The download was cancelled"));
      },
    };
  } catch (error) {
    await conn.close().catch(() => undefined);
    throw error;
  }
}
