// Paths that do not percent-decode are the client's error: 400 with a message (JSON under
// /api/), before Next's router, which answered a bare 500 for them (found by scripts/fuzz.ts).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refuseUndecodablePath } from "@/lib/server/undecodable-path";

let server: http.Server;
let base = "";
beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (refuseUndecodablePath(req, res)) return;
    res.end("passed on");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("refuseUndecodablePath", () => {
  it.each([
    "/api/v1/vms/%FF",
    "/api/v1/hosts/%ED%A0%80",
    "/api/v1/hosts/%C3%28/networks",
    "/api/v1/x/%E0%A4%A",
  ])("answers 400 in JSON for %s", async (path) => {
    const res = await fetch(`${base}${path}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: expect.stringMatching(/not UTF-8/) });
  });

  it("answers 400 in text outside the API", async () => {
    const res = await fetch(`${base}/vms/%FF`);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/not UTF-8/);
  });

  it("passes on paths that decode, whatever their query string holds", async () => {
    for (const path of ["/api/v1/vms/vd%20tiny", "/api/v1/hosts/%25", "/vms?q=%FF", "/"]) {
      const res = await fetch(`${base}${path}`);
      expect(await res.text()).toBe("passed on");
    }
  });
});
