"use client";
// One WebSocket to /ws/events per tab, shared by every component that listens; reconnects with
// backoff. Listeners receive each ServerMessage (lib/live/messages.ts) and usually write it into
// the TanStack Query cache.
import { useEffect, useSyncExternalStore } from "react";
import type { ServerMessage } from "@/lib/live/messages";

type Listener = (message: ServerMessage) => void;
export type LiveStatus = "connecting" | "open" | "closed";

const listeners = new Set<Listener>();
const statusListeners = new Set<() => void>();
let socket: WebSocket | null = null;
let status: LiveStatus = "closed";
let retry = 0;
let retryTimer: ReturnType<typeof setTimeout> | null = null;

function setStatus(next: LiveStatus) {
  status = next;
  for (const l of statusListeners) l();
}

function open() {
  if (socket || typeof window === "undefined") return;
  const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws/events`;
  const ws = new WebSocket(url);
  socket = ws;
  setStatus("connecting");
  ws.onopen = () => {
    retry = 0;
    setStatus("open");
  };
  ws.onmessage = (event) => {
    let message: ServerMessage;
    try {
      message = JSON.parse(String(event.data)) as ServerMessage;
    } catch {
      return;
    }
    for (const l of listeners) l(message);
  };
  ws.onclose = () => {
    socket = null;
    setStatus("closed");
    if (listeners.size === 0) return;
    const delay = Math.min(15_000, 500 * 2 ** retry++);
    retryTimer = setTimeout(open, delay);
  };
}

function close() {
  if (retryTimer) clearTimeout(retryTimer);
  retryTimer = null;
  socket?.close();
  socket = null;
}

/** Calls `listener` for every live message while the component is mounted. */
export function useLiveEvents(listener: Listener): void {
  useEffect(() => {
    listeners.add(listener);
    open();
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) close();
    };
  }, [listener]);
}

/** The state of the live connection, for an indicator ("live" / "reconnecting"). */
export function useLiveStatus(): LiveStatus {
  return useSyncExternalStore(
    (onChange) => {
      statusListeners.add(onChange);
      return () => statusListeners.delete(onChange);
    },
    () => status,
    () => "closed" as LiveStatus,
  );
}
