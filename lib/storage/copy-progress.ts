// libvirt copies a volume (storageVolCreateXMLFrom) in one call with no progress of its own.
// While that call runs, the new volume is already in its pool and its allocation grows as the
// copy writes: reading it every half second gives a real progress figure (virt-manager does
// the same). The figure is the bytes written against the source's allocation.
import type { Connection, PoolRef } from "@/lib/libvirt";

export interface CopyProgress {
  /** Bytes written to the copy so far (never above total). */
  done: number;
  /** Bytes to copy: the source volume's allocation. */
  total: number;
}

const POLL_MS = 500;

/** Runs `copy` while reporting the new volume's growth; reports done = total when it ends. */
export async function withCopyProgress<T>(
  conn: Connection,
  pool: PoolRef,
  name: string,
  total: number,
  onProgress: (p: CopyProgress) => void,
  copy: () => Promise<T>,
): Promise<T> {
  let stopped = false;
  let last = -1;
  const report = (done: number) => {
    const bounded = Math.min(done, total);
    if (bounded === last) return;
    last = bounded;
    onProgress({ done: bounded, total });
  };
  // The pause between reads ends early when the copy does, so nothing waits for it.
  let wake = () => {};
  const pause = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, POLL_MS);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const poll = async () => {
    while (!stopped) {
      await pause();
      if (stopped) break;
      try {
        const vol = await conn.storage.lookupVolume(pool, name);
        const info = await conn.storage.volumeInfo(vol);
        if (!stopped) report(info.allocation);
      } catch {
        // Not created yet, or already gone after a failure: nothing to report this time.
      }
    }
  };
  report(0);
  const polling = poll();
  try {
    const result = await copy();
    report(total);
    return result;
  } finally {
    stopped = true;
    wake();
    await polling;
  }
}
