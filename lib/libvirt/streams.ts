/** Opening streams: serial console, screenshot, volume upload and download. */
import type { RpcClient } from "./client";
import { ConnectionError } from "./errors";
import type { Procedure } from "./protocol/procedure";
import * as P from "./protocol/procedures/streams";
import type { DomainRef, VolRef } from "./protocol/types";
import { LibvirtStream, type StreamOptions } from "./stream";

/** Stream operations on one connection. */
export class StreamApi {
  constructor(private readonly rpc: RpcClient) {}

  private async open<A, R>(proc: Procedure<A, R>, args: A, opts?: StreamOptions) {
    const stream = new LibvirtStream(this.rpc, proc as Procedure<unknown, unknown>, opts);
    const { serial, reply } = this.rpc.callStream(proc, args, stream);
    stream.bind(serial, reply);
    // Until the call succeeds, a failure is the rejected reply's to report: the stream's own
    // "error" (it is destroyed with the same error) must not go unhandled and crash the process.
    const swallow = () => {};
    stream.on("error", swallow);
    const ret = await reply;
    stream.off("error", swallow);
    // A STREAM ERROR (or a broken connection) in the same read as the reply has destroyed the
    // stream already, and its "error" and "close" have been emitted: handed over, it would be a
    // stream whose end its owner can never hear. Fail the open with that error instead.
    if (stream.destroyed)
      throw (
        stream.errored ??
        new ConnectionError("closed", `${proc.name}: the stream closed as it opened`)
      );
    return { stream, ret };
  }

  /**
   * Opens a guest console (serial by default; `dev` is an alias such as
   * "serial0" or "console0"). Bidirectional: write keystrokes, read output.
   * `force` takes over a console another client holds.
   */
  async console(
    dom: DomainRef,
    opts: { dev?: string; force?: boolean } = {},
  ): Promise<LibvirtStream> {
    const args = { dom, devName: opts.dev ?? null, flags: opts.force ? 1 : 0 };
    return (await this.open(P.DOMAIN_OPEN_CONSOLE, args)).stream;
  }

  /** Takes a screenshot; the stream yields the image (QEMU sends PPM: "image/x-portable-pixmap"). */
  async screenshot(
    dom: DomainRef,
    screen = 0,
  ): Promise<{ mime: string | null; stream: LibvirtStream }> {
    const { stream, ret } = await this.open(P.DOMAIN_SCREENSHOT, { dom, screen, flags: 0 });
    return { mime: ret.mime, stream };
  }

  /** Uploads into a volume: write the bytes, then end(); 'finish' fires once libvirtd committed them. */
  async upload(vol: VolRef, offset = 0, length = 0): Promise<LibvirtStream> {
    return (await this.open(P.STORAGE_VOL_UPLOAD, { vol, offset, length, flags: 0 })).stream;
  }

  /** Downloads a volume (length 0 = to the end). */
  async download(
    vol: VolRef,
    offset = 0,
    length = 0,
    opts?: StreamOptions,
  ): Promise<LibvirtStream> {
    return (await this.open(P.STORAGE_VOL_DOWNLOAD, { vol, offset, length, flags: 0 }, opts))
      .stream;
  }
}
