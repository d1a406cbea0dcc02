// Encryption at rest for secrets Virtdeck must keep (SSH private keys): AES-256-GCM with a key
// from VIRTDECK_SECRET, or else a random key generated once into <data dir>/secret.key (mode 0600).
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

const VERSION = "v1";
let cachedKey: Buffer | null = null;

function masterKey(): Buffer {
  if (cachedKey) return cachedKey;
  if (env.VIRTDECK_SECRET) {
    cachedKey = createHash("sha256").update(env.VIRTDECK_SECRET).digest();
    return cachedKey;
  }
  const file = path.join(env.VIRTDECK_DATA_DIR, "secret.key");
  if (!existsSync(file))
    writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600, flag: "wx" });
  chmodSync(file, 0o600);
  cachedKey = Buffer.from(readFileSync(file, "utf8").trim(), "base64");
  if (cachedKey.length !== 32) throw new Error(`${file} does not hold a 32-byte key`);
  return cachedKey;
}

export function seal(plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", masterKey(), iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [
    VERSION,
    iv.toString("base64"),
    cipher.getAuthTag().toString("base64"),
    body.toString("base64"),
  ].join(".");
}

export function open(sealed: string): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || !body) throw new Error("unreadable sealed secret");
  const decipher = createDecipheriv("aes-256-gcm", masterKey(), Buffer.from(iv, "base64"));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64")), decipher.final()]).toString(
    "utf8",
  );
}
