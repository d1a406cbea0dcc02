import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkPrivateKey, hostKeyFingerprint } from "@/lib/hosts/ssh-key";

const dir = mkdtempSync(path.join(tmpdir(), "vd-sshkey-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function keygen(name: string, passphrase = ""): { key: string; fingerprint: string; pub: string } {
  const file = path.join(dir, name);
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", passphrase, "-f", file]);
  const fingerprint = execFileSync("ssh-keygen", ["-lf", `${file}.pub`], {
    encoding: "utf8",
  }).split(" ")[1]!;
  return { key: readFileSync(file, "utf8"), fingerprint, pub: readFileSync(`${file}.pub`, "utf8") };
}

describe("SSH key checks", () => {
  it("reads a private key and fingerprints it as ssh-keygen does", () => {
    const k = keygen("plain");
    expect(checkPrivateKey(k.key)).toEqual({ type: "ssh-ed25519", fingerprint: k.fingerprint });
    expect(hostKeyFingerprint(k.pub)).toBe(k.fingerprint);
  });

  it("refuses a key that needs a passphrase, a public key and garbage, in words", () => {
    expect(() => checkPrivateKey(keygen("locked", "secret-passphrase").key)).toThrow(/passphrase/);
    expect(() => checkPrivateKey(keygen("pub").pub)).toThrow(/public key/);
    expect(() => checkPrivateKey("-----BEGIN OPENSSH PRIVATE KEY-----\nnope\n")).toThrow(
      /not a private key Virtdeck can read/,
    );
  });
});
