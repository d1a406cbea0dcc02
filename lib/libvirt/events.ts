/**
 * Typed event subscriptions over callback-style registration. Each
 * subscription has its own delivery queue, so a slow or failing listener
 * never blocks the socket reader or other subscribers; events for unknown
 * callback IDs (e.g. just after unsubscribing) are dropped.
 */
import { EventEmitter } from "node:events";
import type { RpcClient } from "./client";
import {
  domainEventDetailWord,
  domainEventWord,
  networkEventWord,
  storagePoolEventWord,
} from "./event-words";
import { decodeAll } from "./protocol/packet";
import * as E from "./protocol/procedures/events";
import type { DomainRef, NetworkRef, PoolRef } from "./protocol/types";

/** A domain lifecycle event with codes and words ("started"/"booted"). */
export interface DomainLifecycleEvent {
  kind: "domain-lifecycle";
  dom: DomainRef;
  event: string;
  detail: string;
  eventCode: number;
  detailCode: number;
}
export interface DomainRebootEvent {
  kind: "domain-reboot";
  dom: DomainRef;
}
export interface DomainDeviceEvent {
  kind: "domain-device-removed" | "domain-device-added";
  dom: DomainRef;
  devAlias: string;
}
export interface NetworkLifecycleEvent {
  kind: "network-lifecycle";
  net: NetworkRef;
  event: string;
  eventCode: number;
  detailCode: number;
}

/** A storage pool lifecycle event (defined, started, stopped, created, deleted, …). */
export interface StoragePoolLifecycleEvent {
  kind: "storage-pool-lifecycle";
  pool: PoolRef;
  event: string;
  eventCode: number;
  detailCode: number;
}

/** Every event kind this client decodes, keyed by kind. */
export interface EventMap {
  "domain-lifecycle": DomainLifecycleEvent;
  "domain-reboot": DomainRebootEvent;
  "domain-device-removed": DomainDeviceEvent;
  "domain-device-added": DomainDeviceEvent;
  "network-lifecycle": NetworkLifecycleEvent;
  "storage-pool-lifecycle": StoragePoolLifecycleEvent;
}
export type EventKind = keyof EventMap;
/** A listener; a returned promise delays this subscriber's next event until it settles. */
export type Listener<K extends EventKind> = (e: EventMap[K]) => void | Promise<void>;

/** An active subscription. */
export interface Subscription {
  readonly kind: EventKind;
  readonly callbackId: number;
  /** Deregisters on the server (if still connected) and stops delivery. */
  unsubscribe(): Promise<void>;
}

type DomainEventKind = Exclude<EventKind, "network-lifecycle" | "storage-pool-lifecycle">;

const DOMAIN_EVENT_IDS: Record<DomainEventKind, number> = {
  "domain-lifecycle": E.DomainEventId.LIFECYCLE,
  "domain-reboot": E.DomainEventId.REBOOT,
  "domain-device-removed": E.DomainEventId.DEVICE_REMOVED,
  "domain-device-added": E.DomainEventId.DEVICE_ADDED,
};

interface Sub {
  deliver: (e: EventMap[EventKind]) => void;
}

/** Decodes one MESSAGE payload into [callbackID, event], or null for events we do not decode. */
export function decodeEvent(proc: number, payload: Buffer): [number, EventMap[EventKind]] | null {
  const M = E.EventMessage;
  switch (proc) {
    case M.DOMAIN_LIFECYCLE.proc: {
      const m = decodeAll(M.DOMAIN_LIFECYCLE.body, payload);
      const ev: DomainLifecycleEvent = {
        kind: "domain-lifecycle",
        dom: m.dom,
        event: domainEventWord(m.event),
        detail: domainEventDetailWord(m.event, m.detail),
        eventCode: m.event,
        detailCode: m.detail,
      };
      return [m.callbackID, ev];
    }
    case M.DOMAIN_REBOOT.proc: {
      const m = decodeAll(M.DOMAIN_REBOOT.body, payload);
      return [m.callbackID, { kind: "domain-reboot", dom: m.dom }];
    }
    case M.DOMAIN_DEVICE_REMOVED.proc:
    case M.DOMAIN_DEVICE_ADDED.proc: {
      const m = decodeAll(M.DOMAIN_DEVICE_REMOVED.body, payload);
      const kind =
        proc === M.DOMAIN_DEVICE_ADDED.proc ? "domain-device-added" : "domain-device-removed";
      return [m.callbackID, { kind, dom: m.dom, devAlias: m.devAlias }];
    }
    case M.NETWORK_LIFECYCLE.proc: {
      const m = decodeAll(M.NETWORK_LIFECYCLE.body, payload);
      const ev: NetworkLifecycleEvent = {
        kind: "network-lifecycle",
        net: m.net,
        event: networkEventWord(m.event),
        eventCode: m.event,
        detailCode: m.detail,
      };
      return [m.callbackID, ev];
    }
    case M.STORAGE_POOL_LIFECYCLE.proc: {
      const m = decodeAll(M.STORAGE_POOL_LIFECYCLE.body, payload);
      const ev: StoragePoolLifecycleEvent = {
        kind: "storage-pool-lifecycle",
        pool: m.pool,
        event: storagePoolEventWord(m.event),
        eventCode: m.event,
        detailCode: m.detail,
      };
      return [m.callbackID, ev];
    }
    default:
      return null;
  }
}

/**
 * Which of libvirtd's event registries a kind belongs to. Each driver (domains, networks,
 * storage pools) numbers its callbacks on its own, so one connection can hold a domain and a
 * network callback with the same ID: subscriptions are keyed by registry and ID together.
 */
function registryOf(kind: EventKind): "network" | "storage-pool" | "domain" {
  if (kind === "network-lifecycle") return "network";
  if (kind === "storage-pool-lifecycle") return "storage-pool";
  return "domain";
}

const subKey = (kind: EventKind, callbackId: number) => `${registryOf(kind)}:${callbackId}`;

/** Event subscriptions on one connection. Emits "listenerError" (error, kind) when a listener throws. */
export class EventHub extends EventEmitter {
  private readonly subs = new Map<string, Sub>();

  constructor(private readonly rpc: RpcClient) {
    super();
    // A decode failure throws inside the client's socket handler, which closes the connection.
    rpc.on("message", (proc: number, payload: Buffer) => {
      const decoded = decodeEvent(proc, payload);
      if (decoded) this.subs.get(subKey(decoded[1].kind, decoded[0]))?.deliver(decoded[1]);
    });
  }

  /** Subscribes to an event kind, for one domain/network or (target omitted) all of them. */
  async subscribe<K extends EventKind>(
    kind: K,
    listener: Listener<K>,
    target?: K extends "network-lifecycle"
      ? NetworkRef
      : K extends "storage-pool-lifecycle"
        ? PoolRef
        : DomainRef,
  ): Promise<Subscription> {
    const callbackId = await this.register(kind, target ?? null);
    const key = subKey(kind, callbackId);
    this.subs.set(key, { deliver: this.queueFor(kind, listener as Listener<EventKind>) });
    return {
      kind,
      callbackId,
      unsubscribe: async () => {
        if (!this.subs.delete(key) || this.rpc.closed) return;
        const proc =
          kind === "network-lifecycle"
            ? E.CONNECT_NETWORK_EVENT_DEREGISTER_ANY
            : kind === "storage-pool-lifecycle"
              ? E.CONNECT_STORAGE_POOL_EVENT_DEREGISTER_ANY
              : E.CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY;
        await this.rpc.call(proc, { callbackID: callbackId });
      },
    };
  }

  /** The callback-style registration for each kind of object. */
  private register(
    kind: EventKind,
    target: DomainRef | NetworkRef | PoolRef | null,
  ): Promise<number> {
    if (kind === "network-lifecycle")
      return this.rpc.call(E.CONNECT_NETWORK_EVENT_REGISTER_ANY, {
        eventID: E.NetworkEventId.LIFECYCLE,
        net: target as NetworkRef | null,
      });
    if (kind === "storage-pool-lifecycle")
      return this.rpc.call(E.CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY, {
        eventID: E.StoragePoolEventId.LIFECYCLE,
        pool: target as PoolRef | null,
      });
    return this.rpc.call(E.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY, {
      eventID: DOMAIN_EVENT_IDS[kind as DomainEventKind],
      dom: target as DomainRef | null,
    });
  }

  /** A per-subscriber FIFO: events are handed over one at a time, off the socket handler. */
  private queueFor(kind: EventKind, listener: Listener<EventKind>) {
    const queue: EventMap[EventKind][] = [];
    let running = false;
    const drain = async () => {
      while (queue.length > 0) {
        const ev = queue.shift()!;
        try {
          await listener(ev);
        } catch (e) {
          this.emit("listenerError", e, kind);
        }
      }
      running = false;
    };
    return (ev: EventMap[EventKind]) => {
      queue.push(ev);
      if (running) return;
      running = true;
      setImmediate(() => void drain());
    };
  }
}
