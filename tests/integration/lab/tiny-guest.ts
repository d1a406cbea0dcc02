// Fresh tiny guests for lab tests: define + start on host 1, wait for the shell, type on the
// VGA console, and remove them from both hosts (with their log files) afterwards.
import { randomBytes } from "node:crypto";
import { readFile, rm } from "node:fs/promises";
import type { LabEnv } from "../support/lab-env";
import { defineXml, guestXml, removeDomain, virsh, waitFor } from "../support/virsh";

export function freshGuestName(prefix = "vd-test"): string {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}

/** The serial log of a guest on host 1 (logDir = lab.LAB_HOST2_GUEST_LOG_DIR for host 2). */
export function serialLogOf(lab: LabEnv, name: string, logDir = lab.LAB_GUEST_LOG_DIR): string {
  return `${logDir}/${name}-serial.log`;
}

export async function readSerial(file: string): Promise<string> {
  return readFile(file, "utf8").catch(() => "");
}

/** Defines and starts a tiny guest on host 1; resolves once its shell prompt is on ttyS0. */
export async function startTinyGuest(lab: LabEnv, name: string): Promise<{ readyMs: number }> {
  await defineXml(lab.LAB_URI, await guestXml(lab, name));
  const started = Date.now();
  await virsh(lab.LAB_URI, "start", name);
  const log = serialLogOf(lab, name);
  const readyMs = await waitFor(
    `${name}'s ready line and shell prompt on ${log}`,
    async () => {
      const text = await readSerial(log);
      return text.includes(`virtdeck-guest ready name=${name}`) &&
        text.includes(lab.LAB_GUEST_PROMPT)
        ? Date.now() - started
        : undefined;
    },
    90_000,
  );
  return { readyMs };
}

/** Removes the guest from both hosts and deletes its log files; never throws. */
export async function removeTinyGuest(lab: LabEnv, name: string): Promise<void> {
  await removeDomain(lab.LAB_URI, name);
  await removeDomain(lab.LAB_HOST2_URI, name);
  for (const dir of [lab.LAB_GUEST_LOG_DIR, lab.LAB_HOST2_GUEST_LOG_DIR]) {
    await rm(`${dir}/${name}-serial.log`, { force: true });
    await rm(`${dir}/${name}.log`, { force: true });
  }
}

const SHIFTED: Record<string, string> = { ">": "KEY_DOT", "|": "KEY_BACKSLASH", _: "KEY_MINUS" };
const PLAIN: Record<string, string> = {
  " ": "KEY_SPACE",
  "-": "KEY_MINUS",
  ".": "KEY_DOT",
  "/": "KEY_SLASH",
  "\n": "KEY_ENTER",
};

/** Linux key names for one character: a single key or shift + key. */
function keysFor(ch: string): string[] {
  if (/^[a-z0-9]$/.test(ch)) return [`KEY_${ch.toUpperCase()}`];
  if (/^[A-Z]$/.test(ch)) return ["KEY_LEFTSHIFT", `KEY_${ch}`];
  const plain = PLAIN[ch];
  if (plain) return [plain];
  const shifted = SHIFTED[ch];
  if (shifted) return ["KEY_LEFTSHIFT", shifted];
  throw new Error(`no key for ${JSON.stringify(ch)}`);
}

/** Types text on the guest's keyboard (the VGA console, tty1) with virsh send-key. */
export async function typeOnConsole(uri: string, name: string, text: string): Promise<void> {
  for (const ch of text) await virsh(uri, "send-key", name, ...keysFor(ch));
}
