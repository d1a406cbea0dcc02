/**
 * A console another client holds: opening it without force rejects with libvirt's error, and
 * the stream that failed to open emits nothing unhandled (Vitest fails on unhandled errors).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Connection, connect } from "@/lib/libvirt";
import { labEnv } from "../support/lab-env";
import { defineXml, guestXml, removeDomain, virsh } from "../support/virsh";
import { uniqueName } from "./helpers";

const lab = labEnv();
const name = uniqueName("vd-lv-busy");
let c: Connection;

beforeAll(async () => {
  c = await connect(lab.LAB_URI);
  await defineXml(lab.LAB_URI, await guestXml(lab, name));
  await virsh(lab.LAB_URI, "start", name);
});
afterAll(async () => {
  await c.close();
  await removeDomain(lab.LAB_URI, name);
});

describe("a console held by another client", () => {
  it("refuses a second opener without force, and hands over with force", async () => {
    const dom = await c.domains.lookupByName(name);
    const first = await c.streams.console(dom);
    await expect(c.streams.console(dom)).rejects.toMatchObject({
      name: "LibvirtError",
      message: expect.stringMatching(/Active console session exists/),
    });
    const ended = new Promise<void>((resolve) => first.once("close", () => resolve()));
    first.on("error", () => {});
    first.resume();
    const second = await c.streams.console(dom, { force: true });
    await ended;
    second.destroy();
    // The connection is still good.
    expect((await c.domains.state(dom)).state).toBe("running");
  });
});
