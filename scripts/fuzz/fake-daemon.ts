// An in-process fake libvirt daemon on a UNIX socket in a temporary directory. Each accepted
// connection is driven by the plan queued for it: the plan sees every CALL (and stream packet)
// the client sends and says what bytes to write back. Nothing here is a real libvirtd: it
// exists to hand a real lib/libvirt client bytes that a broken or hostile daemon could send.
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { PacketSplitter } from "@/lib/libvirt/framing";
import { decodePacket, type Header } from "@/lib/libvirt/protocol/packet";

/** What the daemon does on one connection. */
export interface Plan {
  /** Bytes to write in answer to one packet from the client (none: stay silent). */
  answer(h: Header, payload: Buffer): Buffer[];
  /** Bytes to write as soon as the client connects (unsolicited). */
  greeting?: Buffer[];
  /** Set by the plan once it has written what it meant to: the daemon then closes or holds. */
  done: boolean;
  /** Close the connection once done (else keep it open and let the client time out). */
  closeWhenDone: boolean;
}

export class FakeDaemon {
  private readonly dir = mkdtempSync(path.join(os.tmpdir(), "vd-fuzz-daemon-"));
  readonly socketPath = path.join(this.dir, "libvirt-sock");
  private readonly server = net.createServer((s) => this.accept(s));
  private readonly plans: Plan[] = [];
  private readonly open = new Set<net.Socket>();
  /** Connections on which the client sent bytes that are not packets (a client bug). */
  garbageFromClient = 0;

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(this.socketPath, resolve));
  }

  /** The plan for the next connection accepted (connections are accepted in dial order). */
  expect(plan: Plan): void {
    this.plans.push(plan);
  }

  /** Drops every connection still open (between cases). */
  hangUpAll(): void {
    for (const s of this.open) s.destroy();
    this.open.clear();
  }

  async close(): Promise<void> {
    this.hangUpAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    rmSync(this.dir, { recursive: true, force: true });
  }

  private accept(s: net.Socket): void {
    this.open.add(s);
    s.on("error", () => {});
    s.on("close", () => this.open.delete(s));
    const plan = this.plans.shift();
    if (!plan) {
      s.destroy();
      return;
    }
    const splitter = new PacketSplitter();
    const send = (packets: Buffer[]) => {
      if (packets.length > 0 && !s.destroyed) s.write(Buffer.concat(packets));
      // Closing on the next turn lets the bytes above reach the client first.
      if (plan.done && plan.closeWhenDone) setImmediate(() => s.end());
    };
    if (plan.greeting) send(plan.greeting);
    s.on("data", (chunk: Buffer) => {
      let bodies: Buffer[];
      try {
        bodies = splitter.push(chunk);
      } catch {
        this.garbageFromClient++;
        s.destroy();
        return;
      }
      for (const body of bodies) {
        const { header, payload } = decodePacket(body);
        send(plan.answer(header, payload));
      }
    });
  }
}
