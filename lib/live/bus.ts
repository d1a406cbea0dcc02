// The in-process bus for live changes (VMs, hosts) on their way to browsers.
// Next's bundle and server.ts load separate copies of this module in one process, so the bus
// itself lives on globalThis: a server action's publish reaches the /ws/events sockets.
import { EventEmitter } from "node:events";
import type { LiveMessage } from "./messages";

const KEY = Symbol.for("virtdeck.live-bus");
const store = globalThis as unknown as Record<symbol, EventEmitter | undefined>;

function bus(): EventEmitter {
  let emitter = store[KEY];
  if (!emitter) {
    emitter = new EventEmitter();
    emitter.setMaxListeners(0); // one listener per open browser tab
    store[KEY] = emitter;
  }
  return emitter;
}

export function publish(message: LiveMessage): void {
  bus().emit("message", message);
}

/** Returns the function that stops listening. */
export function subscribe(listener: (message: LiveMessage) => void): () => void {
  bus().on("message", listener);
  return () => bus().off("message", listener);
}
