/**
 * SSH with the key material held in memory (as Virtdeck keeps it, decrypted from its store):
 * a private key passed as text, host keys accepted from a list, and the offered key reported
 * to the caller, against the lab's host 2.
 */
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { connect, type HostKeyInfo } from "@/lib/libvirt";
import { labEnv } from "../support/lab-env";
import { run } from "../support/virsh";

const lab = labEnv();
// The URI without ?keyfile=: the key comes from the options.
const URI = lab.LAB_HOST2_SSH_URI.replace(/\?keyfile=[^&]*&?/, "?").replace(/\?$/, "");
const privateKey = readFileSync(lab.LAB_SSH_KEY, "utf8");
const known = readFileSync(lab.LAB_KNOWN_HOSTS, "utf8").trim().split(/\s+/);
const hostKey = `${known[1]} ${known[2]}`; // "ssh-ed25519 AAAA…" without the host field

describe("qemu+ssh with in-memory keys", () => {
  it("connects with a pasted private key and an accepted host key", async () => {
    const c = await connect(URI, { ssh: { privateKey, hostKeys: [hostKey] }, timeout: 10_000 });
    try {
      expect(await c.host.hostname()).toBe(lab.LAB_HOST2_NAME);
    } finally {
      await c.close();
    }
  });

  it("refuses a host key that is not in the list and names the offered fingerprint", async () => {
    const other =
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    const seen: HostKeyInfo[] = [];
    const err = await connect(URI, {
      ssh: { privateKey, hostKeys: [other], onHostKey: (k) => void seen.push(k) },
      timeout: 10_000,
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "ConnectionError", kind: "dial" });
    expect(seen).toHaveLength(1);
    expect(`${seen[0]!.type} ${seen[0]!.base64}`).toBe(hostKey);
    expect((err as Error).message).toContain(seen[0]!.fingerprint);
    expect((err as Error).message).toMatch(/not found in the accepted host keys/);
  });

  it("lets the caller accept the offered key on first use", async () => {
    let offered: HostKeyInfo | null = null;
    const c = await connect(URI, {
      ssh: {
        privateKey,
        hostKeys: [],
        onHostKey: (k) => {
          offered = k;
          return true;
        },
      },
      timeout: 10_000,
    });
    await c.close();
    expect(offered).toMatchObject({ type: "ssh-ed25519" });
  });

  it("fails with the client's authentication error for a wrong private key", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "vd-key-"));
    await run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", `${dir}/k`]);
    const wrong = readFileSync(`${dir}/k`, "utf8");
    await rm(dir, { recursive: true, force: true });
    const err = await connect(URI, {
      ssh: { privateKey: wrong, hostKeys: [hostKey] },
      timeout: 10_000,
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "ConnectionError" });
    expect((err as Error).message).toMatch(/authentication methods failed/i);
  });
});
