// Copies a volume's bytes from one host to another through libvirt's own streams: the source's
// download stream piped into the target's upload stream, each on a transfer connection of its
// own, with back-pressure end to end (no shell on either host, no shared file system). The
// target volume exists already (its caller made it with the right name, format and size); a
// copy that fails or is aborted leaves it half written, for the caller to delete.
import { pipeline } from "node:stream/promises";
import { AppError } from "@/lib/errors";
import { countBytes } from "./count-bytes";
import { openTransferConnection } from "./transfer-connection";

export interface VolumeAt {
  hostId: string;
  /** The volume's path on that host. */
  path: string;
}

export interface CopyOptions {
  /** Aborting it stops both streams (the upload is aborted, not committed). */
  signal: AbortSignal;
  /** Called with the bytes copied so far as chunks pass (often: throttle on the other side). */
  onBytes: (done: number) => void;
}

/** Copies every byte of `from` into `to`; resolves with the number of bytes copied. */
export async function copyVolumeBetweenHosts(
  from: VolumeAt,
  to: VolumeAt,
  options: CopyOptions,
): Promise<number> {
  const [source, target] = await Promise.all([
    openTransferConnection(from.hostId),
    openTransferConnection(to.hostId),
  ]);
  try {
    const [inVol, outVol] = await Promise.all([
      source.storage.lookupVolumeByPath(from.path),
      target.storage.lookupVolumeByPath(to.path),
    ]);
    // A deeper read buffer than the default: fewer pauses of the source's socket per gigabyte.
    const download = await source.streams.download(inVol, 0, 0, { highWaterMark: 8 << 20 });
    const upload = await target.streams.upload(outVol, 0, 0).catch((error: unknown) => {
      download.destroy();
      throw error;
    });
    const counter = countBytes(options.onBytes);
    try {
      await pipeline(download, counter.stream, upload, { signal: options.signal });
    } catch (error) {
      if (options.signal.aborted) throw new AppError("conflict", "The copy was cancelled");
      throw error;
    }
    return counter.seen();
  } finally {
    await Promise.all([
      source.close().catch(() => undefined),
      target.close().catch(() => undefined),
    ]);
  }
}
