import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";

const dataDir = mkdtempSync(path.join(tmpdir(), "vd-env-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** lib/env as a fresh start would read it with VIRTDECK_POOL_ROOTS set to `value`. */
async function loadWith(value: string | undefined) {
  vi.resetModules();
  process.env.VIRTDECK_DATA_DIR = dataDir;
  if (value === undefined) delete process.env.VIRTDECK_POOL_ROOTS;
  else process.env.VIRTDECK_POOL_ROOTS = value;
  return (await import("@/lib/env")).env.VIRTDECK_POOL_ROOTS;
}

describe("VIRTDECK_POOL_ROOTS", () => {
  it("is a colon-separated list of absolute directories, none by default", async () => {
    expect(await loadWith(undefined)).toEqual([]);
    expect(await loadWith("/srv/vm:/data/pools/")).toEqual(["/srv/vm", "/data/pools"]);
    expect(await loadWith("/srv//vm::")).toEqual(["/srv/vm"]);
  });

  it("stops the start with a message naming it for relative paths or '..'", async () => {
    await expect(loadWith("srv/vm")).rejects.toThrow(
      /VIRTDECK_POOL_ROOTS: srv\/vm is not an absolute path/,
    );
    await expect(loadWith("/srv/../etc")).rejects.toThrow(/VIRTDECK_POOL_ROOTS: \/srv\/..\/etc/);
  });
});
