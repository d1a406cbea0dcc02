// A VM's screen as an image, from libvirt's screenshot stream (QEMU sends PNG), for thumbnails.
import { AppError } from "@/lib/errors";
import { vmOnHost } from "@/lib/vms/change-vm";

/** Screens are a few hundred kB at most; a stream that goes on is cut off here. */
const MAX_BYTES = 16 << 20;

export async function takeScreenshot(vmId: string): Promise<{ mime: string; bytes: Buffer }> {
  const { conn, dom } = await vmOnHost(vmId);
  const { mime, stream } = await conn.streams.screenshot(dom, 0);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BYTES) {
      stream.destroy();
      throw new AppError("upstream", "The screenshot is too large");
    }
    chunks.push(chunk);
  }
  return { mime: mime ?? "application/octet-stream", bytes: Buffer.concat(chunks) };
}
