// WebSocket close codes of a console session (4000–4999 are the application's), shared by the
// server and the browser so that each ending is told apart and shown in words.
import type { ConsoleType } from "@/lib/schemas/console";

export const CLOSE = {
  /** The console could not be opened (VM stopped, VNC unreachable, host offline, …). */
  failed: 4000,
  /** The VM's display or serial line ended (the VM stopped or rebooted its display). */
  ended: 4001,
  /** The client sent too many bytes before the console was open. */
  notReady: 4002,
  /** Serial: another client holds the console (open again with a takeover). */
  busy: 4009,
  /** Serial: another client took the console over. */
  takenOver: 4010,
  /** The session or token that opened the socket ended (signed out, revoked, expired, disabled). */
  signedOut: 4401,
  /** The connection to the VM's host was lost. */
  hostLost: 4502,
} as const;

/** Why a serial session ended when another took the console over (sent as the close reason). */
export const TAKEN_OVER = "Another session took this serial console over";

/** What to tell the client when the far end of a console ends. */
export function describeEnd(
  type: ConsoleType,
  error: Error | null,
  hostClosed: boolean,
  takenOver = false,
): { code: number; reason: string } {
  if (hostClosed) return { code: CLOSE.hostLost, reason: "Lost the connection to the VM's host" };
  if (type === "serial") {
    // Known when the takeover went through this server; otherwise libvirt's error may say so.
    if (
      takenOver ||
      (error && /console|stream aborted/i.test(error.message) && !/shut/i.test(error.message))
    )
      return { code: CLOSE.takenOver, reason: TAKEN_OVER };
    return { code: CLOSE.ended, reason: "The serial console ended (did the VM stop?)" };
  }
  return { code: CLOSE.ended, reason: "The VM's display closed (did the VM stop?)" };
}

/**
 * What the browser shows for an ended console: the state (a console held or taken by another
 * session can be taken over or back) and a sentence. Codes that mean one thing are told by the
 * code, whatever the reason says; otherwise the server's reason, when it sent one, wins.
 */
export function describeClose(
  code: number,
  reason: string,
): { status: "busy" | "taken-over" | "disconnected"; message: string } {
  if (code === CLOSE.busy)
    return { status: "busy", message: "Another client holds this serial console" };
  if (code === CLOSE.takenOver)
    return {
      status: "taken-over",
      message: "Another session took this serial console over. Take it back to go on here.",
    };
  return { status: "disconnected", message: closeMessage(code, reason) };
}

/** A sentence for a close code the browser saw (its reason, when the server sent one, wins). */
export function closeMessage(code: number, reason: string): string {
  if (reason) return reason;
  if (code === 1006) return "The connection to Virtdeck was lost";
  if (code === 1009) return "A message was too large";
  if (code === 1002 || code === 1007) return "The connection sent malformed data";
  if (code === 1001) return "Virtdeck is restarting";
  if (code === CLOSE.hostLost) return "Lost the connection to the VM's host";
  return `The console closed (code ${code})`;
}
