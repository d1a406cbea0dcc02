// Runs virsh (node:child_process execFile) against a lab host, and defines/removes the lab's
// tiny guests, whose XML comes from `scripts/lab.sh guest-xml`.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { LabEnv } from "./lab-env";

export interface RunResult {
  stdout: string;
  stderr: string;
}

/** Runs a program without a shell; rejects with its stderr on a non-zero exit or a timeout. */
export function run(file: string, args: string[], timeoutMs = 60_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: timeoutMs, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      if (error) {
        const why = stderr.trim() || error.message;
        reject(new Error(`${file} ${args.join(" ")}: ${why}`));
      } else {
        resolve({ stdout, stderr });
      }
    });
  });
}

/** `virsh -q -c URI ARGS...`, resolving to its trimmed standard output. */
export async function virsh(uri: string, ...args: string[]): Promise<string> {
  const { stdout } = await run("virsh", ["-q", "-c", uri, ...args]);
  return stdout.trim();
}

/** Domain XML for a tiny guest booting the lab's kernel (scripts/lab.sh guest-xml). */
export async function guestXml(lab: LabEnv, name: string, network?: string): Promise<string> {
  const args = [lab.LAB_SCRIPT, "guest-xml", name, ...(network ? [network] : [])];
  return (await run("bash", args)).stdout;
}

/** Defines a domain from XML text (virsh define reads a file). */
export async function defineXml(uri: string, xml: string): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), "virtdeck-xml-"));
  try {
    const file = path.join(dir, "domain.xml");
    await writeFile(file, xml);
    await virsh(uri, "define", file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Destroys and undefines a domain if it exists; never throws (for clean-up hooks). */
export async function removeDomain(uri: string, name: string): Promise<void> {
  await virsh(uri, "destroy", name).catch(() => undefined);
  await virsh(uri, "undefine", name).catch(() => undefined);
}

/** Polls `probe` until it returns a value other than undefined, or throws after timeoutMs. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs: number,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
