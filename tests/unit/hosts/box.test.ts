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
    expect(sealed.startsWith("v1.")).toBe(true);
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
