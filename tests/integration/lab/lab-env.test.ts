// The lab's env files: env.json (what tests read) agrees with the shell-sourceable env, and a
// missing or incomplete file gives a clear error instead of confusing failures later.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { labEnv, readLabEnv } from "../support/lab-env";
import { run } from "../support/virsh";

const lab = labEnv();
const dir = await mkdtemp(path.join(tmpdir(), "virtdeck-lab-env-"));

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("lab env", () => {
  it("has the same values in env.json as in the sourced shell env file", async () => {
    const envFile = path.join(lab.LAB_STATE_DIR, "env");
    const { stdout } = await run("bash", ["-c", 'set -a && . "$1" && env -0', "bash", envFile]);
    const shell = new Map(
      stdout
        .split("\0")
        .filter((kv) => kv.startsWith("LAB_"))
        .map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)] as const),
    );
    for (const [key, value] of Object.entries(lab)) expect(shell.get(key), key).toBe(value);
  });

  it("says the lab is not up when env.json is missing", () => {
    expect(() => readLabEnv(path.join(dir, "missing.json"))).toThrow(/KVM lab is not up/);
  });

  it("names the keys an incomplete env.json lacks", async () => {
    const file = path.join(dir, "partial.json");
    await writeFile(file, JSON.stringify({ LAB_NETNS: "virtdeck-lab" }));
    expect(() => readLabEnv(file)).toThrow(/lacks LAB_URI, .*LAB_HOST2_SSH_URI/);
  });
});
