// Checks of SSH key material an operator gives: a private key must parse (and not need a
// passphrase: Virtdeck connects unattended), and fingerprints are shown as ssh-keygen -l does.
import { createHash } from "node:crypto";
// ssh2 is CommonJS and Node's ESM loader (tsx, server.ts) does not see `utils` as a named export.
import ssh2 from "ssh2";
import { AppError } from "@/lib/errors";

/** "SHA256:…" of a key blob, as ssh-keygen -l prints it. */
export function fingerprintOf(blob: Buffer): string {
  return `SHA256:${createHash("sha256").update(blob).digest("base64").replace(/=+$/, "")}`;
}

/** The fingerprint of a host key in OpenSSH "type base64" form. */
export function hostKeyFingerprint(openssh: string): string {
  return fingerprintOf(Buffer.from(openssh.trim().split(/\s+/)[1] ?? "", "base64"));
}

/** Parses a private key; returns its public key's type and fingerprint, or refuses it. */
export function checkPrivateKey(text: string): { type: string; fingerprint: string } {
  const parsed = ssh2.utils.parseKey(text);
  if (parsed instanceof Error) {
    if (/passphrase/i.test(parsed.message))
      throw new AppError(
        "invalid",
        "This key is protected by a passphrase; Virtdeck connects unattended and needs a key without one",
      );
    throw new AppError("invalid", `This is not a private key Virtdeck can read: ${parsed.message}`);
  }
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key?.isPrivateKey())
    throw new AppError("invalid", "This is a public key; paste the private key");
  return { type: key.type, fingerprint: fingerprintOf(key.getPublicSSH()) };
}
