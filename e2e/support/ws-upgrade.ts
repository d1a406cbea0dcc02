import WebSocket from "ws";
import { E2E_BASE_URL } from "./constants";

export interface UpgradeOutcome {
  status: number;
  /** The first text message, when the upgrade succeeded. */
  firstMessage?: string;
}

/** Attempts a WebSocket upgrade and reports the HTTP status (101 when accepted). */
export function tryUpgrade(
  path: string,
  headers: Record<string, string> = {},
): Promise<UpgradeOutcome> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${E2E_BASE_URL.replace(/^http/, "ws")}${path}`, { headers });
    socket.on("unexpected-response", (_req, res) => {
      resolve({ status: res.statusCode ?? 0 });
      socket.terminate();
    });
    socket.on("message", (data) => {
      resolve({ status: 101, firstMessage: data.toString() });
      socket.close();
    });
    socket.on("error", reject);
  });
}
