import { afterEach, describe, expect, it } from "vitest";
import { ConnectionError, LibvirtError, ProtocolError } from "@/lib/libvirt/errors";
import {
  type DomainLifecycleEvent,
  EventHub,
  type NetworkLifecycleEvent,
} from "@/lib/libvirt/events";
import { keepalivePacket } from "@/lib/libvirt/keepalive";
import { PacketType, Program } from "@/lib/libvirt/protocol/constants";
import { intRet, strRet } from "@/lib/libvirt/protocol/procedures/common";
import { CONNECT_GET_HOSTNAME } from "@/lib/libvirt/protocol/procedures/connect";
import {
  CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY,
  CONNECT_NETWORK_EVENT_REGISTER_ANY,
  EventMessage,
} from "@/lib/libvirt/protocol/procedures/events";
import { type FakeDaemon, startFakeDaemon } from "./support/fake-daemon";
import { errorReply, message, reply } from "./support/packets";

const HOSTNAME = CONNECT_GET_HOSTNAME.proc;
let d: FakeDaemon | undefined;
afterEach(async () => {
  await d?.close();
  d = undefined;
});

describe("RpcClient against a fake daemon", () => {
  it("matches replies by serial even when they arrive out of order", async () => {
    d = await startFakeDaemon();
    const a = d.client.call(CONNECT_GET_HOSTNAME, undefined);
    const b = d.client.call(CONNECT_GET_HOSTNAME, undefined);
    const [pa, pb] = [await d.next(), await d.next()];
    expect([pa.header.serial, pb.header.serial]).toEqual([1, 2]);
    expect(pa.header).toMatchObject({
      prog: Program.REMOTE,
      proc: HOSTNAME,
      type: PacketType.CALL,
      status: 0,
    });
    d.peer.write(reply(HOSTNAME, 2, strRet, "second"));
    d.peer.write(reply(HOSTNAME, 1, strRet, "first"));
    expect(await Promise.all([a, b])).toEqual(["first", "second"]);
  });

  it("turns an error reply into a LibvirtError with code, domain and message", async () => {
    d = await startFakeDaemon();
    const p = d.client.call(CONNECT_GET_HOSTNAME, undefined);
    const call = await d.next();
    d.peer.write(errorReply(HOSTNAME, call.header.serial, 42, "Domain not found: x"));
    const e = await p.catch((x: unknown) => x);
    expect(e).toBeInstanceOf(LibvirtError);
    expect(e).toMatchObject({ code: 42, domain: 10, message: "Domain not found: x", level: 2 });
  });

  it("caps calls in flight and queues the rest", async () => {
    d = await startFakeDaemon({ maxInFlight: 2 });
    const calls = [1, 2, 3].map(() => d!.client.call(CONNECT_GET_HOSTNAME, undefined));
    await d.next();
    await d.next();
    await new Promise((r) => setTimeout(r, 30));
    expect(d.received).toHaveLength(0); // the third waits
    d.peer.write(reply(HOSTNAME, 1, strRet, "a"));
    const third = await d.next();
    expect(third.header.serial).toBe(3);
    d.peer.write(reply(HOSTNAME, 2, strRet, "b"));
    d.peer.write(reply(HOSTNAME, 3, strRet, "c"));
    expect(await Promise.all(calls)).toEqual(["a", "b", "c"]);
  });

  it("times out a call without a reply and ignores the late reply", async () => {
    d = await startFakeDaemon();
    const p = d.client.call(CONNECT_GET_HOSTNAME, undefined, { timeout: 50 });
    await d.next();
    await expect(p).rejects.toMatchObject({ kind: "timeout" });
    d.peer.write(reply(HOSTNAME, 1, strRet, "late"));
    d.peer.write(reply(HOSTNAME, 99, strRet, "unsolicited"));
    const q = d.client.call(CONNECT_GET_HOSTNAME, undefined);
    const call = await d.next();
    d.peer.write(reply(HOSTNAME, call.header.serial, strRet, "ok"));
    expect(await q).toBe("ok");
  });

  it("rejects every pending call and emits close when the peer goes away", async () => {
    d = await startFakeDaemon();
    const closed = new Promise<Error>((r) => d!.client.once("close", r));
    const calls = [1, 2, 3].map(() =>
      d!.client.call(CONNECT_GET_HOSTNAME, undefined).catch((e: unknown) => e),
    );
    await d.next();
    d.peer.destroy();
    for (const e of await Promise.all(calls)) expect(e).toBeInstanceOf(ConnectionError);
    expect((await closed).message).toMatch(/closed/);
    await expect(d.client.call(CONNECT_GET_HOSTNAME, undefined)).rejects.toBeInstanceOf(
      ConnectionError,
    );
  });

  it("closes with a protocol error on a malformed reply, failing the call", async () => {
    d = await startFakeDaemon();
    const closed = new Promise<Error>((r) => d!.client.once("close", r));
    const p = d.client.call(CONNECT_GET_HOSTNAME, undefined).catch((e: unknown) => e);
    await d.next();
    d.peer.write(reply(HOSTNAME, 1, intRet, 5)); // an int where a string is expected
    expect(await p).toBeInstanceOf(ProtocolError);
    expect(await closed).toBeInstanceOf(ProtocolError);
  });

  it("answers the server's PING with PONG at once, even with the in-flight cap reached", async () => {
    d = await startFakeDaemon({ maxInFlight: 1 });
    void d.client.call(CONNECT_GET_HOSTNAME, undefined).catch(() => {});
    await d.next();
    d.peer.write(keepalivePacket(1));
    const pong = await d.next();
    expect(pong.header).toMatchObject({
      prog: Program.KEEPALIVE,
      proc: 2,
      type: PacketType.MESSAGE,
      serial: 0,
    });
  });

  it("pings a silent server and declares it dead after `count` missed pings", async () => {
    d = await startFakeDaemon({ keepalive: { interval: 40, count: 2 } });
    d.client.startKeepalive();
    const closed = new Promise<Error>((r) => d!.client.once("close", r));
    const ping = await d.next();
    expect(ping.header).toMatchObject({ prog: Program.KEEPALIVE, proc: 1 });
    const e = await closed;
    expect(e).toMatchObject({ kind: "timeout" });
    expect(e.message).toMatch(/keepalive/);
  });

  it("routes events by program and procedure, not serial, and drops unknown callback IDs", async () => {
    d = await startFakeDaemon();
    const hub = new EventHub(d.client);
    const got: DomainLifecycleEvent[] = [];
    const sub = hub.subscribe("domain-lifecycle", (e) => {
      got.push(e);
    });
    const reg = await d.next();
    expect(reg.header.proc).toBe(CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY.proc);
    d.peer.write(reply(reg.header.proc, reg.header.serial, intRet, 7));
    expect((await sub).callbackId).toBe(7);
    const dom = { name: "vm", uuid: "5f1d7a3e-8c2b-4d61-9e0a-7d1ab0c0ffee", id: 3 };
    const M = EventMessage.DOMAIN_LIFECYCLE;
    d.peer.write(message(M.proc, M.body, { callbackID: 99, dom, event: 2, detail: 0 }));
    d.peer.write(message(M.proc, M.body, { callbackID: 7, dom, event: 2, detail: 0 }));
    d.peer.write(message(M.proc, M.body, { callbackID: 7, dom, event: 5, detail: 1 }, 0));
    await new Promise((r) => setTimeout(r, 50));
    expect(got.map((e) => [e.event, e.detail])).toEqual([
      ["started", "booted"],
      ["stopped", "destroyed"],
    ]);
  });

  it("keeps a network and a domain subscription apart when libvirtd gives both the same ID", async () => {
    // Each libvirtd driver numbers its event callbacks on its own: collisions are normal.
    d = await startFakeDaemon();
    const hub = new EventHub(d.client);
    const nets: NetworkLifecycleEvent[] = [];
    const doms: DomainLifecycleEvent[] = [];
    const netSub = hub.subscribe("network-lifecycle", (e) => {
      nets.push(e);
    });
    const netReg = await d.next();
    expect(netReg.header.proc).toBe(CONNECT_NETWORK_EVENT_REGISTER_ANY.proc);
    d.peer.write(reply(netReg.header.proc, netReg.header.serial, intRet, 3));
    await netSub;
    const domSub = hub.subscribe("domain-lifecycle", (e) => {
      doms.push(e);
    });
    const domReg = await d.next();
    d.peer.write(reply(domReg.header.proc, domReg.header.serial, intRet, 3));
    await domSub;
    const net = { name: "lan", uuid: "0b3a6a2e-2f9e-4f6a-8a53-3c1b7d6e9a10" };
    const dom = { name: "vm", uuid: "5f1d7a3e-8c2b-4d61-9e0a-7d1ab0c0ffee", id: 3 };
    const N = EventMessage.NETWORK_LIFECYCLE;
    const D = EventMessage.DOMAIN_LIFECYCLE;
    d.peer.write(message(N.proc, N.body, { callbackID: 3, net, event: 0, detail: 0 }));
    d.peer.write(message(D.proc, D.body, { callbackID: 3, dom, event: 2, detail: 0 }));
    await new Promise((r) => setTimeout(r, 50));
    expect(nets.map((e) => [e.net.name, e.event])).toEqual([["lan", "defined"]]);
    expect(doms.map((e) => [e.dom.name, e.event])).toEqual([["vm", "started"]]);
  });
});
