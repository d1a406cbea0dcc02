// TOTP (RFC 6238) as authenticator apps expect it: SHA-1, 30-second steps, six digits, a 160-bit
// key. A code is accepted for the step before and after the current one (clocks drift), and
// never for a step at or before the last one accepted, so an overheard code cannot be replayed.
import { randomBytes } from "node:crypto";
import { encodeBase32NoPadding } from "@oslojs/encoding";
import { createTOTPKeyURI, verifyHOTP } from "@oslojs/otp";

export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Wrong codes in a row before the factor locks (Proxmox's number); a recovery code unlocks it. */
export const TOTP_MAX_FAILURES = 8;

export function newTotpKey(): Uint8Array {
  return new Uint8Array(randomBytes(20));
}

/** The otpauth:// URI an app reads from the QR code, and the key typed by hand instead. */
export function totpEnrolment(key: Uint8Array, username: string, issuer = "Virtdeck") {
  return {
    uri: createTOTPKeyURI(issuer, username, key, TOTP_STEP_SECONDS, TOTP_DIGITS),
    manualKey: encodeBase32NoPadding(key)
      .replace(/(.{4})/g, "$1 ")
      .trim(),
  };
}

export function stepAt(nowMs: number): number {
  return Math.floor(nowMs / 1000 / TOTP_STEP_SECONDS);
}

/**
 * The step `code` belongs to (current ±1) if it is right and newer than `lastStep`, else null.
 * Spaces are allowed ("123 456"), as apps show it.
 */
export function acceptedStep(
  key: Uint8Array,
  code: string,
  nowMs: number,
  lastStep: number,
): number | null {
  const digits = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(digits)) return null;
  const now = stepAt(nowMs);
  for (const step of [now - 1, now, now + 1]) {
    if (step > lastStep && verifyHOTP(key, BigInt(step), TOTP_DIGITS, digits)) return step;
  }
  return null;
}
