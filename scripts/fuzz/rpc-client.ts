// Part 1b: a real lib/libvirt client (Connection over RpcClient, or the full connect() with its
// handshake) connected to the fake daemon, which answers its calls with mutated packets. Each
// case then checks what the application would see: every call, subscription, stream and
// handshake settles (resolves, or rejects with one of lib/libvirt's typed errors) within a
// bound after the daemon hung up or after the call timeout when the daemon holds the socket.

import { once } from "node:events";
import net from "node:net";
import type { Duplex } from "node:stream";
import { Connection, type EventKind, parseUri, RpcClient } from "@/lib/libvirt";
import { connect } from "@/lib/libvirt/connection";
import { AuthType, PacketType, Status } from "@/lib/libvirt/protocol/constants";
import { encodePacket, type Header } from "@/lib/libvirt/protocol/packet";
import { intRet } from "@/lib/libvirt/protocol/procedures/common";
import {
  AUTH_LIST,
  CONNECT_OPEN,
  CONNECT_SUPPORTS_FEATURE,
} from "@/lib/libvirt/protocol/procedures/connect";
import { type Codec, xvoid } from "@/lib/libvirt/xdr/codec";
import { FakeDaemon, type Plan } from "./fake-daemon";
import type { Prng } from "./prng";
import { seedPackets } from "./rpc-decoder";
import { mutatePacket } from "./rpc-mutate";
import {
  errorPacket,
  eventPackets,
  PING,
  REPLY_SEEDS,
  replyPacket,
  SEED_DOMAIN,
  SEED_VOLUME,
  streamErrorPacket,
  streamPacket,
} from "./rpc-seeds";
import { errorLabel, Tally } from "./tally";

const CALL_TIMEOUT_MS = 150;
/** How long anything may stay unsettled after the daemon hung up (or after the call timeout). */
const SETTLE_MS = 1_000;
const WORKERS = 8;
const HOSTNAME = REPLY_SEEDS[0]!;
/** Rejections the application is written to handle. */
const TYPED = /^(LibvirtError|ProtocolError|ConnectionError\((closed|timeout|unsupported|auth)\))$/;
const REGISTER_PROCS = new Set([316, 313, 368]);
const EVENT_KINDS: EventKind[] = [
  "domain-lifecycle",
  "domain-reboot",
  "domain-device-added",
  "domain-device-removed",
  "network-lifecycle",
  "storage-pool-lifecycle",
];
const KINDS = [
  "reply",
  "error reply",
  "keepalive",
  "unsolicited",
  "event",
  "console stream",
  "upload stream",
  "handshake",
] as const;
type CaseKind = (typeof KINDS)[number];

type Settled =
  | { state: "resolved"; value: unknown }
  | { state: "rejected"; error: unknown }
  | { state: "hang" };

function settle(p: Promise<unknown>, ms: number): Promise<Settled> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ state: "hang" }), ms);
    p.then(
      (value) => resolve({ state: "resolved", value }),
      (error: unknown) => resolve({ state: "rejected", error }),
    ).finally(() => clearTimeout(timer));
  });
}

/** A valid REPLY OK to the call `h`. */
function reply<T>(h: Header, codec: Codec<T>, value: T): Buffer {
  const header = { prog: h.prog, proc: h.proc, type: PacketType.REPLY, serial: h.serial };
  return encodePacket({ ...header, status: Status.OK }, codec, value);
}

interface Case {
  index: number;
  kind: CaseKind;
  r: Prng;
  plan: Plan;
  /** Mutated or random packets the daemon wrote. */
  packets: number;
  tally: Tally;
  limitMs: number;
}

/** Mutates one valid packet, counting it. */
function mutated(c: Case, valid: Buffer): Buffer {
  c.packets++;
  return mutatePacket(c.r, valid, c.r.pick(SEEDS));
}

const SEEDS = seedPackets();

/** Records what happened to one promise the application would await. */
function record(c: Case, what: string, s: Settled): void {
  if (s.state === "resolved") {
    c.tally.add(`${what}: resolved`);
  } else if (s.state === "hang") {
    c.tally.fail("hang", `case ${c.index} (${c.kind}): ${what} unsettled ${c.limitMs} ms on`);
  } else {
    const label = errorLabel(s.error);
    if (TYPED.test(label)) c.tally.add(`${what}: ${label}`);
    else
      c.tally.fail(
        "untyped rejection",
        `case ${c.index} (${c.kind}): ${what}: ${label}: ${(s.error as Error)?.message}`,
      );
  }
}

async function openDirect(daemon: FakeDaemon): Promise<Connection> {
  const sock = net.createConnection({ path: daemon.socketPath });
  await once(sock, "connect");
  const rpc = new RpcClient(sock, { callTimeout: CALL_TIMEOUT_MS, keepalive: { interval: 0 } });
  const uri = parseUri(`qemu+unix:///system?socket=${daemon.socketPath}`);
  return new Connection(uri, rpc, {
    keepalive: false,
    eventCallbacks: true,
    typedParamString: true,
  });
}

/** Answers the handshake validly, except the `target`-th call, which gets a mutated answer. */
function handshakePlan(c: Case, target: number): Plan["answer"] {
  let n = 0;
  return (h) => {
    const valid =
      h.proc === AUTH_LIST.proc
        ? reply(h, AUTH_LIST.ret, [AuthType.NONE])
        : h.proc === CONNECT_SUPPORTS_FEATURE.proc
          ? reply(h, CONNECT_SUPPORTS_FEATURE.ret, 1)
          : reply(h, CONNECT_OPEN.ret, undefined);
    if (n++ !== target) return [valid];
    c.plan.done = true;
    return [mutated(c, valid)];
  };
}

async function runReply(c: Case, conn: Connection, asError: boolean): Promise<void> {
  const s = c.r.pick(REPLY_SEEDS);
  c.plan.answer = (h) => {
    if (h.proc !== s.proc.proc || c.plan.done) return [];
    c.plan.done = true;
    return [mutated(c, asError ? errorPacket(h.proc, h.serial) : replyPacket(s, h.serial))];
  };
  record(c, s.name, await settle(s.call(conn), c.limitMs));
}

async function runHostnameWith(c: Case, conn: Connection, before: () => Buffer[]): Promise<void> {
  c.plan.answer = (h) => {
    if (h.proc !== HOSTNAME.proc.proc) return [];
    const extra = before();
    c.plan.done = true;
    return [...extra, replyPacket(HOSTNAME, h.serial)];
  };
  record(c, "hostname", await settle(conn.host.hostname(), c.limitMs));
}

async function runEvent(c: Case, conn: Connection): Promise<void> {
  const kind = c.r.pick(EVENT_KINDS);
  let delivered = 0;
  c.plan.answer = (h) => {
    if (REGISTER_PROCS.has(h.proc)) return [reply(h, intRet, 1)];
    if (h.proc !== HOSTNAME.proc.proc) return [reply(h, xvoid, undefined)];
    // The subscription is in place now: mutated events, then the answer to the call.
    const events = eventPackets(1);
    const sent = Array.from({ length: c.r.range(1, 3) }, () => mutated(c, c.r.pick(events)));
    c.plan.done = true;
    return [...sent, replyPacket(HOSTNAME, h.serial)];
  };
  const sub = await settle(
    conn.events.subscribe(kind, () => void delivered++),
    c.limitMs,
  );
  record(c, "subscribe", sub);
  if (sub.state !== "resolved") return;
  record(c, "call after events", await settle(conn.host.hostname(), c.limitMs));
  await new Promise((r) => setImmediate(r)); // deliveries run off the socket handler
  c.tally.add("events delivered", delivered);
}

/**
 * Waits for what a consumer such as the console bridge waits for: the stream ends, fails or
 * closes. A stream that already did so counts at once.
 */
function streamSettled(stream: Duplex, ms: number): Promise<Settled> {
  if (stream.readableEnded || stream.closed || stream.errored)
    return Promise.resolve({ state: "resolved", value: "already" });
  const ended = ["end", "close", "error"].map((event) => once(stream, event));
  return settle(Promise.any(ended), ms);
}

/** A stream handed over already destroyed: its owner would wait for an end it cannot hear. */
function deadStream(c: Case, what: string): void {
  c.tally.fail("hang", `case ${c.index}: ${what} open resolved with a stream already destroyed`);
}

async function runConsole(c: Case, conn: Connection): Promise<void> {
  c.plan.answer = (h) => {
    if (h.type !== PacketType.CALL || h.proc !== 201) return [];
    const data = streamPacket(201, h.serial, Status.CONTINUE, Buffer.from("virtdeck-guest# "));
    const choices = [
      data,
      streamPacket(201, h.serial, Status.CONTINUE),
      streamPacket(201, h.serial, Status.OK),
      streamErrorPacket(201, h.serial),
    ];
    const openReply = reply(h, xvoid, undefined);
    const sent = Array.from({ length: c.r.range(1, 3) }, () => mutated(c, c.r.pick(choices)));
    c.plan.done = true;
    return [c.r.chance(0.2) ? mutated(c, openReply) : openReply, ...sent];
  };
  const opened = await settle(conn.streams.console(SEED_DOMAIN), c.limitMs);
  record(c, "console open", opened);
  if (opened.state !== "resolved") return;
  const stream = opened.value as Awaited<ReturnType<Connection["streams"]["console"]>>;
  if (stream.destroyed) return deadStream(c, "console");
  stream.on("error", (e) => {
    const label = errorLabel(e);
    if (TYPED.test(label)) c.tally.add(`console stream error: ${label}`);
    else c.tally.fail("untyped stream error", `case ${c.index}: ${label}: ${e.message}`);
  });
  stream.resume();
  if (!c.plan.closeWhenDone) {
    // A keystroke, as a careful caller sends it: a stream that the daemon ended (end of file,
    // confirmed) has ended its writable side too, and writing then is Node's "write after end".
    if (stream.writable) stream.write("x");
    await new Promise((r) => setTimeout(r, 10));
    stream.destroy();
  }
  record(c, "console stream close", await streamSettled(stream, c.limitMs));
}

async function runUpload(c: Case, conn: Connection): Promise<void> {
  c.plan.answer = (h) => {
    if (h.type === PacketType.CALL && h.proc === 208) return [reply(h, xvoid, undefined)];
    // The client's STREAM OK asks the daemon to confirm the upload: answer with a mutation.
    if (h.type !== PacketType.STREAM || h.status !== Status.OK) return [];
    const choices = [streamPacket(208, h.serial, Status.OK), streamErrorPacket(208, h.serial)];
    c.plan.done = true;
    return [mutated(c, c.r.pick(choices))];
  };
  const opened = await settle(conn.streams.upload(SEED_VOLUME), c.limitMs);
  record(c, "upload open", opened);
  if (opened.state !== "resolved") return;
  const stream = opened.value as Awaited<ReturnType<Connection["streams"]["upload"]>>;
  if (stream.destroyed) return deadStream(c, "upload");
  stream.on("error", (e) => {
    const label = errorLabel(e);
    if (TYPED.test(label)) c.tally.add(`upload stream error: ${label}`);
    else c.tally.fail("untyped stream error", `case ${c.index}: ${label}: ${e.message}`);
  });
  stream.end(Buffer.alloc(c.r.pick([1, 4096, 300_000])));
  const finished = settle(
    Promise.race([once(stream, "finish"), once(stream, "close")]),
    c.plan.closeWhenDone ? c.limitMs : 100,
  );
  const s = await finished;
  if (s.state === "hang" && !c.plan.closeWhenDone) {
    // Held open with the confirmation lost: waiting is right; giving up must still close it.
    stream.destroy();
    record(c, "upload close after giving up", await streamSettled(stream, SETTLE_MS));
  } else record(c, "upload finish", s.state === "rejected" ? s : { state: "resolved", value: 0 });
}

async function runHandshake(c: Case, daemon: FakeDaemon): Promise<void> {
  c.plan.answer = handshakePlan(c, c.r.int(5));
  const uri = `qemu+unix:///system?socket=${daemon.socketPath}`;
  const opening = connect(uri, {
    timeout: 400,
    callTimeout: CALL_TIMEOUT_MS,
    keepalive: { interval: 0 },
  });
  const s = await settle(opening, c.limitMs + 400);
  record(c, "connect", s);
  if (s.state === "resolved") (s.value as Connection).rpc.destroy();
}

async function runCase(c: Case, daemon: FakeDaemon): Promise<void> {
  daemon.expect(c.plan);
  if (c.kind === "handshake") return runHandshake(c, daemon);
  const conn = await openDirect(daemon);
  try {
    switch (c.kind) {
      case "reply":
      case "error reply":
        return await runReply(c, conn, c.kind === "error reply");
      case "keepalive":
        return await runHostnameWith(c, conn, () => [mutated(c, PING)]);
      case "unsolicited":
        c.plan.greeting = Array.from({ length: c.r.range(1, 3) }, () =>
          mutated(c, c.r.pick(SEEDS)),
        );
        return await runHostnameWith(c, conn, () => []);
      case "event":
        return await runEvent(c, conn);
      case "console stream":
        return await runConsole(c, conn);
      case "upload stream":
        return await runUpload(c, conn);
    }
  } finally {
    conn.rpc.destroy();
  }
}

export interface ClientResult {
  packets: number;
  cases: number;
  tally: Tally;
  hangs: number;
  untyped: number;
  garbageFromClient: number;
}

/** Case `index` of a run: everything about it comes from the seed and the index. */
function newCase(base: Prng, index: number, tally: Tally): Case {
  const r = base.fork(`rpc-client:${index}`);
  const kind = r.pick(KINDS);
  const closeWhenDone = r.chance(0.9);
  return {
    index,
    kind,
    r,
    plan: { answer: () => [], done: false, closeWhenDone },
    packets: 0,
    tally,
    limitMs: closeWhenDone ? SETTLE_MS : CALL_TIMEOUT_MS + SETTLE_MS,
  };
}

/**
 * Runs cases until the daemons have written at least `targetPackets` mutated packets, or with
 * `only`, just that case (to replay one the report named).
 */
export async function fuzzClient(
  base: Prng,
  targetPackets: number,
  only?: number,
): Promise<ClientResult> {
  const tally = new Tally();
  const workers = only === undefined ? WORKERS : 1;
  const daemons = await Promise.all(
    Array.from({ length: workers }, async () => {
      const d = new FakeDaemon();
      await d.listen();
      return d;
    }),
  );
  let packets = 0;
  let next = only ?? 0;
  const more = () => (only === undefined ? packets < targetPackets : next === only);
  const worker = async (daemon: FakeDaemon) => {
    while (more()) {
      const c = newCase(base, next++, tally);
      await runCase(c, daemon);
      tally.add(`case ${c.kind}`);
      packets += c.packets;
      daemon.hangUpAll();
    }
  };
  try {
    await Promise.all(daemons.map(worker));
  } finally {
    await Promise.all(daemons.map((d) => d.close()));
  }
  return {
    packets,
    cases: only === undefined ? next : 1,
    tally,
    hangs: tally.get("hang"),
    untyped: tally.get("untyped rejection") + tally.get("untyped stream error"),
    garbageFromClient: daemons.reduce((n, d) => n + d.garbageFromClient, 0),
  };
}
