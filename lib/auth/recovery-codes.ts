// Recovery codes: ten at a time, each ten characters of an alphabet without look-alikes (about
// 50 bits), shown once. Only their SHA-256 is stored: at 50 bits, a fast hash is enough.
import { createHash, randomInt } from "node:crypto";

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** "k7qm2-x9hrt": five, a dash, five. */
export function newRecoveryCode(): string {
  let code = "";
  for (let i = 0; i < 10; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** What a typed code is compared by: case, spaces and the dash do not matter. */
export function recoveryCodeHash(typed: string): string {
  const canonical = typed.toLowerCase().replace(/[\s-]+/g, "");
  return createHash("sha256").update(`virtdeck-recovery:${canonical}`).digest("hex");
}
