/**
 * The SSH transport against the lab's second host: calls, events and a
 * console stream through virt-ssh-helper; the netcat fallback; host-key checks.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Connection, connect, type DomainLifecycleEvent } from "@/lib/libvirt";
import { labEnv } from "../support/lab-env";
import { defineXml, guestXml, removeDomain, virsh } from "../support/virsh";
import { collectUntil, uniqueName } from "./helpers";

const lab = labEnv();
const SSH_URI = lab.LAB_HOST2_SSH_URI;
const LOCAL_URI = lab.LAB_HOST2_URI; // the oracle reaches host 2's socket directly
const ssh = { knownHostsFile: lab.LAB_KNOWN_HOSTS };
const name = uniqueName("vd-lv-ssh");
let c: Connection;

beforeAll(async () => {
  c = await connect(SSH_URI, { ssh });
  await defineXml(LOCAL_URI, await guestXml(lab, name));
});
afterAll(async () => {
  await c.close();
  await removeDomain(LOCAL_URI, name);
});

describe("qemu+ssh to host 2", () => {
  it("makes calls over the SSH channel", async () => {
    expect(c.uri.transport).toBe("ssh");
    expect(await c.host.hostname()).toBe(await virsh(LOCAL_URI, "hostname"));
    const caps = await c.host.capabilities();
    expect(caps).toContain(lab.LAB_HOST2_UUID);
    const names = (await c.domains.list()).map((d) => d.name);
    expect(names).toContain(name);
  });

  it("receives lifecycle events and runs a console stream", async () => {
    const dom = await c.domains.lookupByName(name);
    let push: (e: DomainLifecycleEvent) => void = () => {};
    const sub = await c.events.subscribe("domain-lifecycle", (e) => push(e), dom);
    const started = collectUntil<DomainLifecycleEvent>(
      (p) => {
        push = p;
      },
      (all) => all.some((e) => e.event === "started"),
      30_000,
    );
    await virsh(LOCAL_URI, "start", name);
    expect((await started).find((e) => e.event === "started")?.detail).toBe("booted");

    const serial = await c.streams.console(dom, { force: true });
    let out = "";
    serial.on("data", (d: Buffer) => {
      out += d.toString("utf8");
    });
    const token = `virtdeck-${randomBytes(4).toString("hex")}`;
    const deadline = Date.now() + 45_000;
    while (!out.includes(lab.LAB_GUEST_PROMPT) && Date.now() < deadline) {
      serial.write("\r");
      await new Promise((r) => setTimeout(r, 1_000));
    }
    serial.write(`echo ${token}\r`);
    while (!new RegExp(`\\n${token}`).test(out) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(out).toMatch(new RegExp(`echo ${token}\\r?\\n${token}`));
    serial.destroy();

    const stopped = collectUntil<DomainLifecycleEvent>(
      (p) => {
        push = p;
      },
      (all) => all.some((e) => e.event === "stopped"),
      30_000,
    );
    await virsh(LOCAL_URI, "destroy", name);
    expect((await stopped).at(-1)).toMatchObject({ event: "stopped", detail: "destroyed" });
    await sub.unsubscribe();
  });

  it("falls back to netcat on the socket when asked (proxy=netcat)", async () => {
    const nc = await connect(`${SSH_URI}&proxy=netcat`, { ssh });
    try {
      expect(await nc.host.hostname()).toBe(await virsh(LOCAL_URI, "hostname"));
    } finally {
      await nc.close();
    }
  });

  it("refuses an unknown host key unless no_verify=1 is given", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "vd-kh-"));
    try {
      const empty = path.join(dir, "known_hosts");
      await writeFile(empty, "");
      const err = await connect(SSH_URI, { ssh: { knownHostsFile: empty }, timeout: 10_000 }).catch(
        (e: unknown) => e,
      );
      expect(err).toMatchObject({ name: "ConnectionError", kind: "dial" });
      expect((err as Error).message).toMatch(/host key .* not found/);
      const unverified = await connect(`${SSH_URI}&no_verify=1`, {
        ssh: { knownHostsFile: empty },
      });
      expect(await unverified.host.hostname()).toBeTruthy();
      await unverified.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
