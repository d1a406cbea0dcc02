// Encryption at rest for secrets Virtdeck must keep (SSH private keys): AES-256-GCM with a key
// derived from VIRTDECK_SECRET (scrypt: it may be a passphrase), or else from a random key
// generated once into <data dir>/secret.key (mode 0600; HKDF, since it is random already).
// "v1" values, sealed with the old single-SHA-256 key, still open and are resealed at start.
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  hkdfSync,
  randomBytes,
  scryptSync,
} from "node:crypto";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

const VERSION = "v2";
const SALT = "virtdeck secrets at rest v2";
const keys = new Map<string, Buffer>();

function keyFileMaterial(): Buffer {
  const file = path.join(env.VIRTDECK_DATA_DIR, "secret.key");
  if (!existsSync(file))
    writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600, flag: "wx" });
  chmodSync(file, 0o600);
  const material = Buffer.from(readFileSync(file, "utf8").trim(), "base64");
  if (material.length !== 32) throw new Error(`${file} does not hold a 32-byte key`);
  return material;
}

function deriveKey(version: string): Buffer {
  if (env.VIRTDECK_SECRET) {
    if (version === "v1") return createHash("sha256").update(env.VIRTDECK_SECRET).digest();
    return scryptSync(env.VIRTDECK_SECRET, SALT, 32, { N: 1 << 15, r: 8, p: 1, maxmem: 64 << 20 });
  }
  const material = keyFileMaterial();
  if (version === "v1") return material;
  return Buffer.from(hkdfSync("sha256", material, SALT, "ssh keys", 32));
}

function keyFor(version: string): Buffer {
  let key = keys.get(version);
  if (!key) {
    key = deriveKey(version);
    keys.set(version, key);
  }
  return key;
}

export function seal(plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(VERSION), iv);
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
  if ((version !== VERSION && version !== "v1") || !iv || !tag || !body)
    throw new Error("unreadable sealed secret");
  const decipher = createDecipheriv("aes-256-gcm", keyFor(version), Buffer.from(iv, "base64"));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64")), decipher.final()]).toString(
    "utf8",
  );
}

/** A value sealed the old way, to be sealed again with the current key. */
export function isLegacySeal(sealed: string): boolean {
  return sealed.startsWith("v1.");
}
