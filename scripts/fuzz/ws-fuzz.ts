// Part 2: malformed frames and control messages to a real Virtdeck server's /ws/events (signed
// in with the session cookie) and /ws/consoles (with tickets for the lab VM's VNC and serial
// consoles, and without valid tickets). After each step a probe checks the connection: a
// ping must be answered with its pong while the connection is meant to be healthy, and after a
// protocol violation the server must have closed it; either answer must come within 2 s.
// Consoles never receive a deliverable binary frame: its bytes would be keystrokes or RFB
// messages for the shared lab guest.
import { isUtf8 } from "node:buffer";
import { SESSION_COOKIE } from "@/lib/auth/cookie-name";
import { brokenJsonText, mutateJson } from "./json-mutate";
import type { Prng } from "./prng";
import { Tally } from "./tally";
import { encodeFrame, type FrameCase, harmlessFrames, Opcode, violation } from "./ws-frames";
import { type RawWs, upgrade } from "./ws-raw";

const PROBE_MS = 2_000;
const READY_MS = 8_000;
/** Console sessions in a row that never got ready before the consoles' share is given up. */
const MAX_CONSOLE_MISSES = 20;

export interface WsTarget {
  port: number;
  baseUrl: string;
  cookie: string;
  token: string;
  /** The lab VM whose consoles get tickets. */
  vmId: string;
}

export interface WsResult {
  frames: { events: number; consoles: number };
  probes: number;
  upgrades: number;
  tally: Tally;
  failures: number;
  hangs: number;
}

const CONTROL_SEEDS = [
  { type: "ping", t: 1 },
  { type: "resize", cols: 80, rows: 24 },
];

function garbageText(r: Prng): Buffer {
  const seed = r.pick(CONTROL_SEEDS);
  if (r.chance(0.25)) return brokenJsonText(r, JSON.stringify(seed));
  return Buffer.from(JSON.stringify(mutateJson(r, seed)) ?? "null");
}

/**
 * A text frame with a mutated control message. /ws/events ignores what browsers send and a
 * console closes on a bad control message (both fine); but text that is not UTF-8, or longer
 * than the server's 1 MiB limit, is a protocol error the server must close on.
 */
function controlMessage(payload: Buffer): FrameCase {
  const broken = !isUtf8(payload) || payload.length > 1 << 20;
  return {
    name: broken ? "control message, not UTF-8 or over 1 MiB" : "mutated control message",
    frames: [{ opcode: Opcode.TEXT, payload }],
    fatal: broken,
  };
}

interface Session {
  r: Prng;
  ws: RawWs;
  route: "events" | "consoles";
  tally: Tally;
  label: string;
  frames: number;
  probes: number;
}

/** Sends one step's frames (and counts them); false when the connection already went. */
function sendStep(s: Session, step: FrameCase): void {
  for (const f of step.frames) {
    if (!s.ws.send(encodeFrame(s.r, f))) return;
    s.frames++;
  }
}

/** The probe: a ping the healthy connection answers. Returns "pong", "closed" or "silent". */
async function probe(s: Session): Promise<"pong" | "closed" | "silent"> {
  const nonce = s.r.int(2 ** 31);
  s.probes++;
  if (s.route === "events") {
    const payload = Buffer.alloc(4);
    payload.writeUInt32BE(nonce);
    s.ws.send(encodeFrame(s.r, { opcode: Opcode.PING, payload }));
    const f = await s.ws.waitFor(
      (x) => x.opcode === Opcode.CLOSE || (x.opcode === Opcode.PONG && x.payload.equals(payload)),
      PROBE_MS,
    );
    return f === "timeout" ? "silent" : f === null || f.opcode === Opcode.CLOSE ? "closed" : "pong";
  }
  const ping = Buffer.from(JSON.stringify({ type: "ping", t: nonce }));
  s.ws.send(encodeFrame(s.r, { opcode: Opcode.TEXT, payload: ping }));
  const f = await s.ws.waitFor(
    (x) =>
      x.opcode === Opcode.CLOSE ||
      (x.opcode === Opcode.TEXT && x.payload.toString().includes(`"t":${nonce}`)),
    PROBE_MS,
  );
  return f === "timeout" ? "silent" : f === null || f.opcode === Opcode.CLOSE ? "closed" : "pong";
}

/** Runs steps until the server closes, checking each against what it should have done. */
async function runSteps(s: Session, steps: number): Promise<void> {
  for (let i = 0; i < steps; i++) {
    const dataOpcode = s.route === "events" ? s.r.pick([Opcode.TEXT, Opcode.BINARY]) : Opcode.TEXT;
    const roll = s.r.next();
    const step: FrameCase =
      roll < 0.4
        ? violation(s.r, dataOpcode)
        : roll < 0.8
          ? controlMessage(garbageText(s.r))
          : harmlessFrames(s.r, () => JSON.stringify({ type: "ping", t: s.r.int(1000) }));
    sendStep(s, step);
    const answer = await probe(s);
    s.tally.add(`${s.route}: ${step.name} → ${answer}`);
    if (answer === "silent")
      s.tally.fail("hang", `${s.label}: no pong and no close ${PROBE_MS} ms after "${step.name}"`);
    else if (step.fatal && answer === "pong")
      s.tally.fail("violation accepted", `${s.label}: "${step.name}" left the connection open`);
    else if (!step.fatal && answer === "closed" && s.route === "events")
      s.tally.fail("valid frames refused", `${s.label}: closed after "${step.name}"`);
    if (answer !== "pong") break;
  }
  if (s.ws.closeCode !== null) s.tally.add(`${s.route}: server close code ${s.ws.closeCode}`);
  if (!s.ws.ended && s.ws.closeCode === null) {
    // A polite goodbye: the server must answer a normal close with its own.
    s.ws.send(encodeFrame(s.r, { opcode: Opcode.CLOSE, payload: Buffer.from([0x03, 0xe8]) }));
    s.frames++;
    if (!(await s.ws.closedWithin(PROBE_MS)))
      s.tally.fail("hang", `${s.label}: no answer to a normal close`);
  }
  s.ws.destroy();
}

async function eventsSession(
  r: Prng,
  t: WsTarget,
  tally: Tally,
  label: string,
): Promise<Session | null> {
  const headers = { Cookie: t.cookie, Origin: t.baseUrl };
  const up = await upgrade(t.port, "/ws/events", headers);
  if (!up.ws) {
    tally.fail(
      "upgrade refused",
      `${label}: /ws/events answered ${up.status} to a signed-in upgrade`,
    );
    return null;
  }
  const hello = await up.ws.waitFor((f) => f.opcode === Opcode.TEXT, READY_MS);
  if (hello === "timeout" || hello === null) tally.fail("hang", `${label}: no hello on /ws/events`);
  return { r, ws: up.ws, route: "events", tally, label, frames: 0, probes: 0 };
}

async function issueTicket(
  t: WsTarget,
  type: "vnc" | "serial",
): Promise<{ path: string; ticket: string }> {
  const res = await fetch(`${t.baseUrl}/api/v1/vms/${t.vmId}/consoles`, {
    method: "POST",
    headers: { authorization: `Bearer ${t.token}`, "content-type": "application/json" },
    body: JSON.stringify({ type }),
  });
  if (res.status !== 201) throw new Error(`console ticket: ${res.status} ${await res.text()}`);
  return (await res.json()) as { path: string; ticket: string };
}

async function consoleSession(
  r: Prng,
  t: WsTarget,
  tally: Tally,
  label: string,
): Promise<Session | null> {
  const type = r.pick(["vnc", "serial"] as const);
  const { path, ticket } = await issueTicket(t, type);
  const up = await upgrade(t.port, `${path}?ticket=${ticket}`, {});
  if (!up.ws) {
    tally.fail(
      "upgrade refused",
      `${label}: ${type} console answered ${up.status} to a valid ticket`,
    );
    return null;
  }
  const s: Session = {
    r,
    ws: up.ws,
    route: "consoles",
    tally,
    label: `${label} (${type})`,
    frames: 0,
    probes: 0,
  };
  // Ready once the far end is open: the VNC server's banner, or a pong through the serial bridge.
  const deadline = Date.now() + READY_MS;
  while (Date.now() < deadline && !up.ws.ended && up.ws.closeCode === null) {
    if (type === "vnc") {
      if ((await up.ws.waitFor((f) => f.opcode === Opcode.BINARY, 250)) !== "timeout") break;
    } else if ((await probe(s)) === "pong") break;
  }
  if (up.ws.closeCode !== null || up.ws.ended) {
    // 4009: another client holds the serial console; 4000: it could not be opened.
    tally.add(`consoles: ${type} ended before it was ready (code ${up.ws.closeCode})`);
    up.ws.destroy();
    return null;
  }
  if (Date.now() >= deadline) {
    tally.fail("hang", `${s.label}: console not ready in ${READY_MS} ms`);
    up.ws.destroy();
    return null;
  }
  return s;
}

/** Upgrades that must be refused with a 4xx status (never 101, never 5xx). */
async function refusedUpgrade(r: Prng, t: WsTarget, tally: Tally, label: string): Promise<void> {
  const bogusTicket = () =>
    encodeURIComponent(
      r.pick([
        "",
        "x",
        "a".repeat(19),
        "a".repeat(101),
        "💥".repeat(30),
        "%zz",
        r.bytes(24).toString("base64url"),
      ]),
    );
  const cases: [string, () => Promise<[string, Record<string, string>]>][] = [
    ["events without a cookie", async () => ["/ws/events", {}]],
    [
      "events with a forged cookie",
      async () => [
        "/ws/events",
        { Cookie: `${SESSION_COOKIE}=${r.bytes(32).toString("base64url")}` },
      ],
    ],
    [
      "events from a foreign origin",
      async () => ["/ws/events", { Cookie: t.cookie, Origin: "http://evil.example" }],
    ],
    ["console without a ticket", async () => [`/ws/consoles/${t.vmId}/vnc`, {}]],
    [
      "console with a bogus ticket",
      async () => [`/ws/consoles/${t.vmId}/serial?ticket=${bogusTicket()}`, {}],
    ],
    [
      "console of an unknown type",
      async () => [`/ws/consoles/${t.vmId}/rdp?ticket=${bogusTicket()}`, {}],
    ],
    [
      "vnc ticket on the serial path",
      async () => {
        const { ticket } = await issueTicket(t, "vnc");
        return [`/ws/consoles/${t.vmId}/serial?ticket=${ticket}`, {}];
      },
    ],
    [
      "ticket for another VM",
      async () => {
        const { ticket } = await issueTicket(t, "vnc");
        return [`/ws/consoles/vdfuzz-no-such-vm/vnc?ticket=${ticket}`, {}];
      },
    ],
    [
      "ticket used twice",
      async () => {
        const { path, ticket } = await issueTicket(t, "vnc");
        const first = await upgrade(t.port, `${path}?ticket=${ticket}`, {});
        first.ws?.destroy();
        return [`${path}?ticket=${ticket}`, {}];
      },
    ],
  ];
  const [name, make] = r.pick(cases);
  const [path, headers] = await make();
  const { status, ws } = await upgrade(t.port, path, headers);
  ws?.destroy();
  if (status >= 400 && status < 500) tally.add(`refused upgrade: ${name} → ${status}`);
  else tally.fail("upgrade not refused", `${label}: ${name} answered ${status}`);
}

/** Runs sessions on 4 connections at a time until both routes got their share of frames. */
export async function fuzzWebSockets(
  base: Prng,
  t: WsTarget,
  frameTarget: number,
): Promise<WsResult> {
  const tally = new Tally();
  const want = { events: Math.ceil(frameTarget * 0.8), consoles: Math.ceil(frameTarget * 0.2) };
  const frames = { events: 0, consoles: 0 };
  let probes = 0;
  let upgrades = 0;
  let next = 0;
  let consoleMisses = 0;
  const consolesWanted = () =>
    frames.consoles < want.consoles && consoleMisses < MAX_CONSOLE_MISSES;
  const worker = async () => {
    while (frames.events < want.events || consolesWanted()) {
      const index = next++;
      const r = base.fork(`ws:${index}`);
      const label = `session ${index}`;
      try {
        if (r.chance(0.05)) {
          upgrades++;
          await refusedUpgrade(r, t, tally, label);
          continue;
        }
        // A quarter of the sessions go to consoles while both want frames; then the rest.
        const eventsWanted = frames.events < want.events;
        const route = consolesWanted() && (!eventsWanted || r.chance(0.25)) ? "consoles" : "events";
        const s =
          route === "events"
            ? await eventsSession(r, t, tally, label)
            : await consoleSession(r, t, tally, label);
        if (route === "consoles") consoleMisses = s ? 0 : consoleMisses + 1;
        if (!s) continue;
        await runSteps(s, r.range(1, 8));
        frames[route] += s.frames;
        probes += s.probes;
      } catch (e) {
        tally.fail("session error", `${label}: ${(e as Error).message}`);
      }
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  if (consoleMisses >= MAX_CONSOLE_MISSES)
    tally.fail(
      "consoles unavailable",
      `${consoleMisses} console sessions in a row never got ready`,
    );
  const failures =
    tally.get("violation accepted") +
    tally.get("valid frames refused") +
    tally.get("upgrade refused") +
    tally.get("upgrade not refused") +
    tally.get("session error") +
    tally.get("consoles unavailable");
  return { frames, probes, upgrades, tally, failures, hangs: tally.get("hang") };
}
