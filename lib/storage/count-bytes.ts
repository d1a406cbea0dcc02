// The one byte counter of the volume streams (uploads, downloads, copies between hosts): a
// pass-through stage that reports the bytes so far as chunks pass and, given a limit, refuses
// more than that (a lying Content-Length must not overrun its volume).
import { Transform } from "node:stream";
import { AppError } from "@/lib/errors";

export function countBytes(
  onBytes: (seen: number) => void,
  limit: { bytes: number; message: string } | null = null,
) {
  let seen = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      seen += chunk.length;
      if (limit && seen > limit.bytes) return cb(new AppError("invalid", limit.message));
      onBytes(seen);
      cb(null, chunk);
    },
  });
  return { stream, seen: () => seen };
}
