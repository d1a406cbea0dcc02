// Opening streams against the fake daemon: open() hands over a live stream or rejects, whatever
// arrives in the same read as the opening call's reply (found by scripts/fuzz.ts).
import { afterEach, describe, expect, it } from "vitest";
import { LibvirtError, ProtocolError } from "@/lib/libvirt/errors";
import {
  DOMAIN_OPEN_CONSOLE,
  STORAGE_VOL_DOWNLOAD,
} from "@/lib/libvirt/protocol/procedures/streams";
import { StreamApi } from "@/lib/libvirt/streams";
import { xvoid } from "@/lib/libvirt/xdr/codec";
import { type FakeDaemon, startFakeDaemon } from "./support/fake-daemon";
import { reply, streamData, streamError } from "./support/packets";

const CONSOLE = DOMAIN_OPEN_CONSOLE.proc;
const dom = { name: "vm", uuid: "5f1d7a3e-8c2b-4d61-9e0a-7d1ab0c0ffee", id: 3 };
let d: FakeDaemon | undefined;
afterEach(async () => {
  await d?.close();
  d = undefined;
});

describe("StreamApi.console against a fake daemon", () => {
  it("rejects when the stream fails in the same read as the reply, instead of handing over a dead stream", async () => {
    d = await startFakeDaemon();
    const opening = new StreamApi(d.client).console(dom).then(
      (stream) => ({ destroyed: stream.destroyed }),
      (e: unknown) => e,
    );
    const call = await d.next();
    d.peer.write(
      Buffer.concat([
        reply(CONSOLE, call.header.serial, xvoid, undefined),
        streamError(CONSOLE, call.header.serial, "internal error: console has been taken over"),
      ]),
    );
    // A destroyed stream has already emitted its error and close: its owner would wait forever.
    const outcome = await opening;
    expect(outcome).toBeInstanceOf(LibvirtError);
    expect((outcome as LibvirtError).message).toMatch(/taken over/);
  });

  it("still hands over data and the end of file that arrive with the reply", async () => {
    d = await startFakeDaemon();
    const opening = new StreamApi(d.client).console(dom);
    const call = await d.next();
    const serial = call.header.serial;
    d.peer.write(
      Buffer.concat([
        reply(CONSOLE, serial, xvoid, undefined),
        streamData(CONSOLE, serial, Buffer.from("login: ")),
        streamData(CONSOLE, serial, Buffer.alloc(0)),
      ]),
    );
    const stream = await opening;
    const read: Buffer[] = [];
    stream.on("data", (b: Buffer) => read.push(b));
    await new Promise((r) => stream.once("end", r));
    expect(Buffer.concat(read).toString()).toBe("login: ");
    // The end of file starts the finish handshake: the client's STREAM OK, confirmed.
    const finish = await d.next();
    expect(finish.header).toMatchObject({ proc: CONSOLE, serial, status: 0 });
    d.peer.write(streamData(CONSOLE, serial));
    await new Promise((r) => stream.once("close", r));
  });

  it("fails with a protocol error, closing the connection, when data follows the end of file", async () => {
    d = await startFakeDaemon();
    const opening = new StreamApi(d.client).console(dom);
    const call = await d.next();
    const serial = call.header.serial;
    d.peer.write(reply(CONSOLE, serial, xvoid, undefined));
    const stream = await opening;
    const failed = new Promise<Error>((r) => stream.once("error", r));
    const closed = new Promise<Error>((r) => d!.client.once("close", r));
    stream.resume();
    d.peer.write(
      Buffer.concat([
        streamData(CONSOLE, serial, Buffer.alloc(0)),
        streamData(CONSOLE, serial, Buffer.from("late")),
      ]),
    );
    // Not Node's own ERR_STREAM_PUSH_AFTER_EOF on an otherwise healthy connection.
    expect(await failed).toBeInstanceOf(ProtocolError);
    expect(await closed).toBeInstanceOf(ProtocolError);
  });
});

describe("StreamApi.download against a fake daemon", () => {
  it("finishes when the end of file comes while a full buffer has paused the connection's reading", async () => {
    d = await startFakeDaemon();
    const DOWNLOAD = STORAGE_VOL_DOWNLOAD.proc;
    const vol = { pool: "p", name: "v", key: "/p/v" };
    // A 4-byte buffer: the first chunk fills it, so reading the socket pauses until it is read.
    const opening = new StreamApi(d.client).download(vol, 0, 0, { highWaterMark: 4 });
    const call = await d.next();
    const serial = call.header.serial;
    d.peer.write(
      Buffer.concat([
        reply(DOWNLOAD, serial, xvoid, undefined),
        streamData(DOWNLOAD, serial, Buffer.from("0123456789")),
        streamData(DOWNLOAD, serial, Buffer.alloc(0)),
      ]),
    );
    const stream = await opening;
    const finish = await d.next();
    expect(finish.header).toMatchObject({ proc: DOWNLOAD, serial, status: 0 });
    // The daemon's confirmation must still be read, though nothing reads the data yet.
    d.peer.write(streamData(DOWNLOAD, serial));
    const read: Buffer[] = [];
    stream.on("data", (b: Buffer) => read.push(b));
    await new Promise((r) => stream.once("close", r));
    expect(Buffer.concat(read).toString()).toBe("0123456789");
  });
});
