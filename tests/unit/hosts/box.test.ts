import { createCipheriv, createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(path.join(tmpdir(), "vd-box-"));
let box: typeof import("@/lib/secrets/box");

beforeAll(async () => {
  // lib/env reads the environment once, at import: point the data dir here first.
  process.env.VIRTDECK_DATA_DIR = dir;
  delete process.env.VIRTDECK_SECRET;
  box = await import("@/lib/secrets/box");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("secrets at rest", () => {
  const secret = "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----\n";

  it("seals and opens, with a generated key file only root can read", () => {
    const sealed = box.seal(secret);
    expect(sealed).not.toContain("abc");
    expect(sealed.startsWith("v2.")).toBe(true);
    expect(box.open(sealed)).toBe(secret);
    const keyFile = path.join(dir, "secret.key");
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(keyFile, "utf8"), "base64")).toHaveLength(32);
  });

  it("uses a fresh IV each time and refuses a tampered box", () => {
    const a = box.seal(secret);
    expect(box.seal(secret)).not.toBe(a);
    const parts = a.split(".");
    const body = Buffer.from(parts[3]!, "base64");
    body[0] = (body[0] ?? 0) ^ 1;
    parts[3] = body.toString("base64");
    expect(() => box.open(parts.join("."))).toThrow();
    expect(() => box.open("garbage")).toThrow(/unreadable/);
  });
});

/** A value as the previous release sealed it: AES-256-GCM straight under `key`. */
function sealV1(key: Buffer, text: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([c.update(text, "utf8"), c.final()]);
  return ["v1", iv, c.getAuthTag(), body]
    .map((p) => (typeof p === "string" ? p : p.toString("base64")))
    .join(".");
}

describe("key derivation", () => {
  it("no longer uses the key file's bytes as the key; values sealed that way still open", () => {
    const raw = Buffer.from(readFileSync(path.join(dir, "secret.key"), "utf8"), "base64");
    const old = sealV1(raw, "old secret");
    expect(box.isLegacySeal(old)).toBe(true);
    expect(box.open(old)).toBe("old secret");
    // A v2 box does not open under the raw bytes: the key is derived (HKDF) from them.
    const sealed = box.seal("new secret").split(".");
    expect(() => box.open(["v1", ...sealed.slice(1)].join("."))).toThrow();
  });

  it("VIRTDECK_SECRET goes through scrypt, not one SHA-256", async () => {
    const { vi } = await import("vitest");
    vi.resetModules();
    process.env.VIRTDECK_SECRET = "a passphrase of sixteen+ characters";
    const withSecret = await import("@/lib/secrets/box");
    const sha = createHash("sha256").update(process.env.VIRTDECK_SECRET).digest();
    expect(withSecret.open(sealV1(sha, "legacy"))).toBe("legacy");
    const sealed = withSecret.seal("fresh").split(".");
    expect(() => withSecret.open(["v1", ...sealed.slice(1)].join("."))).toThrow();
    expect(withSecret.open(sealed.join("."))).toBe("fresh");
    delete process.env.VIRTDECK_SECRET;
  });
});
