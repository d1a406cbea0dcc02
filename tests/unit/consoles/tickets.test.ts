import { describe, expect, it } from "vitest";
import {
  consolePath,
  issueTicket,
  MAX_TICKETS_PER_USER,
  redeemTicket,
  TICKET_TTL_MS,
} from "@/lib/consoles/tickets";
import { normalizeListen, vncEndpoint } from "@/lib/consoles/vnc-target";
import { matchPath } from "@/lib/ws/router";

const grant = {
  userId: "u1",
  username: "admin",
  sessionId: "s1",
  tokenId: null,
  vmId: "vm1",
  type: "vnc" as const,
  force: false,
};

describe("console tickets", () => {
  it("are single use", () => {
    const { ticket } = issueTicket(grant);
    expect(redeemTicket(ticket)).toMatchObject({ ok: true, grant: { userId: "u1", vmId: "vm1" } });
    expect(redeemTicket(ticket)).toEqual({ ok: false, reason: "unknown" });
  });

  it("expire after about 30 s", () => {
    const now = Date.now();
    const { ticket, expiresAt } = issueTicket(grant, now);
    expect(expiresAt.getTime() - now).toBe(TICKET_TTL_MS);
    expect(redeemTicket(ticket, now + TICKET_TTL_MS + 1)).toEqual({ ok: false, reason: "expired" });
  });

  it("are unguessable and unknown ones are refused", () => {
    const a = issueTicket(grant).ticket;
    const b = issueTicket(grant).ticket;
    expect(a).not.toBe(b);
    expect(a.length).toBeGreaterThanOrEqual(43);
    expect(redeemTicket("x".repeat(43))).toEqual({ ok: false, reason: "unknown" });
  });

  it("a busy user's newest ticket evicts that user's oldest, never another user's", () => {
    const others = issueTicket({ ...grant, userId: "u2" }).ticket;
    const first = issueTicket({ ...grant, userId: "u3" }).ticket;
    for (let i = 1; i < MAX_TICKETS_PER_USER; i++) issueTicket({ ...grant, userId: "u3" });
    const last = issueTicket({ ...grant, userId: "u3" }).ticket; // one more than the cap
    expect(redeemTicket(first)).toEqual({ ok: false, reason: "unknown" });
    expect(redeemTicket(last)).toMatchObject({ ok: true });
    expect(redeemTicket(others)).toMatchObject({ ok: true, grant: { userId: "u2" } });
  });

  it("name their WebSocket path", () => {
    expect(consolePath("abc", "serial")).toBe("/ws/consoles/abc/serial");
  });
});

describe("ws route patterns", () => {
  it("match parameters and nothing else", () => {
    expect(matchPath("/ws/consoles/:vmId/:type", "/ws/consoles/v1/vnc")).toEqual({
      vmId: "v1",
      type: "vnc",
    });
    expect(matchPath("/ws/consoles/:vmId/:type", "/ws/consoles/v1")).toBeNull();
    expect(matchPath("/ws/consoles/:vmId/:type", "/ws/consoles//vnc")).toBeNull();
    expect(matchPath("/ws/events", "/ws/events")).toEqual({});
    expect(matchPath("/ws/events", "/ws/eventsx")).toBeNull();
  });
});

describe("the VNC endpoint from domain XML", () => {
  it("reads address, port and password", () => {
    const xml = `<domain><devices><graphics type='vnc' port='5901' listen='0.0.0.0' passwd='s3cret'><listen type='address' address='0.0.0.0'/></graphics></devices></domain>`;
    expect(vncEndpoint(xml)).toEqual({
      kind: "tcp",
      host: "0.0.0.0",
      port: 5901,
      password: "s3cret",
    });
  });

  it("reads a UNIX socket", () => {
    const xml = `<domain><devices><graphics type='vnc'><listen type='socket' socket='/run/vnc.sock'/></graphics></devices></domain>`;
    expect(vncEndpoint(xml)).toEqual({ kind: "unix", path: "/run/vnc.sock", password: null });
  });

  it("says why there is nothing to reach", () => {
    expect(vncEndpoint("<domain><devices/></domain>")).toEqual({
      problem: "This VM has no VNC display",
    });
    expect(
      vncEndpoint(`<domain><devices><graphics type='vnc' port='-1'/></devices></domain>`),
    ).toHaveProperty("problem");
    expect(normalizeListen("[::1]")).toBe("::1");
  });
});
