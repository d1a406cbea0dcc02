/**
 * Events and streams with a tiny guest of our own: lifecycle events for
 * changes made by virsh from outside, the serial console as a Duplex, and a
 * screenshot whose size matches what virsh's own screenshot reports.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Connection,
  connect,
  type DomainLifecycleEvent,
  type LibvirtStream,
} from "@/lib/libvirt";
import { labEnv } from "../support/lab-env";
import { defineXml, guestXml, removeDomain, virsh } from "../support/virsh";
import { collectUntil, uniqueName } from "./helpers";

const lab = labEnv();
const URI = lab.LAB_URI;
const name = uniqueName("vd-lv-ev");
let c: Connection;

/** Width and height of a PNG (IHDR) or binary PPM (P6) image. */
function imageSize(img: Buffer): { width: number; height: number } {
  if (img.subarray(1, 4).toString("latin1") === "PNG") {
    return { width: img.readUInt32BE(16), height: img.readUInt32BE(20) };
  }
  const m = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(img.subarray(0, 64).toString("latin1"));
  if (!m) throw new Error(`not a PNG or PPM image: ${img.subarray(0, 16).toString("hex")}`);
  return { width: Number(m[1]), height: Number(m[2]) };
}

/** Reads a stream until `text` appears in its output (or the timeout). */
function readUntil(stream: LibvirtStream, text: string, ms: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => {
      stream.off("data", onData);
      reject(
        new Error(`no "${text}" within ${ms} ms; console said: ${JSON.stringify(out.slice(-500))}`),
      );
    }, ms);
    const onData = (chunk: Buffer) => {
      out += chunk.toString("utf8");
      if (out.includes(text)) {
        clearTimeout(timer);
        stream.off("data", onData);
        resolve(out);
      }
    };
    stream.on("data", onData);
  });
}

beforeAll(async () => {
  c = await connect(URI);
  await defineXml(URI, await guestXml(lab, name));
});
afterAll(async () => {
  await c.close();
  await removeDomain(URI, name);
});

describe("events, console and screenshot", () => {
  it("receives lifecycle events, in order, for virsh start and destroy", async () => {
    const dom = await c.domains.lookupByName(name);
    let push: (e: DomainLifecycleEvent) => void = () => {};
    const sub = await c.events.subscribe("domain-lifecycle", (e) => push(e), dom);
    const events = collectUntil<DomainLifecycleEvent>(
      (p) => {
        push = p;
      },
      (all) => all.some((e) => e.event === "stopped"),
      30_000,
    );
    await virsh(URI, "start", name);
    await virsh(URI, "destroy", name);
    const got = (await events).map((e) => `${e.event}/${e.detail}`);
    // QEMU starts guests paused and resumes them, so "resumed/unpaused" comes with the start.
    expect(got.filter((e) => e.startsWith("started") || e.startsWith("stopped"))).toEqual([
      "started/booted",
      "stopped/destroyed",
    ]);
    expect(got.at(-1)).toBe("stopped/destroyed");
    console.info("lifecycle events seen:", got.join(", "));
    expect((await events).every((e) => e.dom.uuid === dom.uuid)).toBe(true);
    await sub.unsubscribe();
  });

  it("types into the serial console and reads the echo back", async () => {
    await virsh(URI, "start", name);
    const dom = await c.domains.lookupByName(name);
    const serial = await c.streams.console(dom, { force: true });
    const prompt = readUntil(serial, lab.LAB_GUEST_PROMPT, 45_000);
    // Poke the shell until the prompt shows (the guest may still be booting).
    const poke = setInterval(() => serial.write("\r"), 1_000);
    try {
      await prompt;
    } finally {
      clearInterval(poke);
    }
    const token = `virtdeck-${randomBytes(4).toString("hex")}`;
    const answer = readUntil(serial, `\n${token}`, 15_000);
    serial.write(`echo ${token}\r`);
    expect(await answer).toMatch(new RegExp(`echo ${token}\\r?\\n${token}`));
    serial.destroy();
  });

  it("takes a screenshot with the guest's screen size", async () => {
    const dom = await c.domains.lookupByName(name);
    const { mime, stream } = await c.streams.screenshot(dom);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const img = Buffer.concat(chunks);
    // libvirt 9.0 with QEMU 7.2 sends PNG (older pairs send PPM).
    expect(["image/png", "image/x-portable-pixmap"]).toContain(mime);
    const dir = await mkdtemp(path.join(tmpdir(), "vd-shot-"));
    try {
      const file = path.join(dir, "virsh.img");
      await virsh(URI, "screenshot", name, file);
      const theirs = imageSize(await readFile(file));
      expect(imageSize(img)).toEqual(theirs);
      expect(theirs.width).toBeGreaterThan(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("still answers calls on the connection after the streams", async () => {
    expect((await c.domains.state(await c.domains.lookupByName(name))).state).toBe("running");
  });
});
