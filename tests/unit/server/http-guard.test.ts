import { beforeAll, describe, expect, it } from "vitest";

type Guard = typeof import("@/lib/server/http-guard");
let guard: Guard;

beforeAll(async () => {
  // The guard reads its settings once, at import (as the server does at start).
  process.env.VIRTDECK_PUBLIC_URL = "https://virtdeck.example.com";
  process.env.VIRTDECK_ALLOWED_HOSTS = "kvm-dash.lan, other.lan";
  process.env.VIRTDECK_TRUSTED_PROXIES = "10.0.0.1, 10.0.0.2";
  guard = await import("@/lib/server/http-guard");
});

describe("Host allow-list", () => {
  it("answers to IP literals, localhost, the public URL's name and the listed names", () => {
    for (const host of [
      "127.0.0.1:3000",
      "10.1.2.3",
      "[::1]:3000",
      "[::ffff:127.0.0.1]:3000",
      "localhost:3000",
      "virtdeck.example.com",
      "VIRTDECK.example.com:443",
      "kvm-dash.lan:3000",
    ])
      expect(guard.isAllowedHost(host), host).toBe(true);
  });

  it("refuses other names (a rebinding page's own name), malformed and missing headers", () => {
    for (const host of [
      "evil.example",
      "127.0.0.1.evil.example",
      "virtdeck.example.com.evil.example",
      "localhost.evil",
      "",
      undefined,
      "a b",
      "[::1",
    ])
      expect(guard.isAllowedHost(host), String(host)).toBe(false);
    expect(guard.hostRefusal("evil.example:3000")).toContain("'evil.example'");
  });
});

describe("Origin check", () => {
  it("accepts the public URL's origin and the request's own scheme and host", () => {
    expect(guard.isOwnOrigin("https://virtdeck.example.com", "http", "10.0.0.5:3000")).toBe(true);
    expect(guard.isOwnOrigin("http://127.0.0.1:3000", "http", "127.0.0.1:3000")).toBe(true);
  });

  it("compares scheme, host and port", () => {
    expect(guard.isOwnOrigin("http://virtdeck.example.com", "http", "10.0.0.5:3000")).toBe(false);
    expect(guard.isOwnOrigin("https://virtdeck.example.com:8443", "http", "x")).toBe(false);
    expect(guard.isOwnOrigin("http://127.0.0.1:3001", "http", "127.0.0.1:3000")).toBe(false);
    expect(guard.isOwnOrigin("https://127.0.0.1:3000", "http", "127.0.0.1:3000")).toBe(false);
    expect(guard.isOwnOrigin("null", "http", "127.0.0.1:3000")).toBe(false);
  });
});

describe("who the client is", () => {
  const request = (remoteAddress: string, headers: Record<string, string>, encrypted = false) =>
    ({ socket: { remoteAddress, encrypted }, headers: { ...headers } }) as never;
  const stamped = (r: { headers: Record<string, string> }) => ({
    address: r.headers["x-virtdeck-client-address"],
    proto: r.headers["x-virtdeck-client-proto"],
  });

  it("is the socket's peer; a client's own forwarded headers and stamps count for nothing", () => {
    const r = request("::ffff:192.0.2.5", {
      "x-forwarded-for": "10.9.9.9",
      "x-forwarded-proto": "https",
      "x-virtdeck-client-address": "1.2.3.4",
    });
    guard.stampClient(r);
    expect(stamped(r)).toEqual({ address: "192.0.2.5", proto: "http" });
    const tls = request("192.0.2.5", {}, true);
    guard.stampClient(tls);
    expect(stamped(tls).proto).toBe("https");
  });

  it("behind a trusted proxy, is the right-most address the proxies did not add", () => {
    const r = request("10.0.0.1", {
      "x-forwarded-for": "6.6.6.6, 198.51.100.7, 10.0.0.2",
      "x-forwarded-proto": "https",
    });
    guard.stampClient(r);
    expect(stamped(r)).toEqual({ address: "198.51.100.7", proto: "https" });
  });
});
