/**
 * Callback-style event registration procedures and the MESSAGE payloads the
 * daemon pushes for the events we decode (REMOTE_PROGRAM).
 */
import { int, optional, struct, xvoid } from "../../xdr/codec";
import { procedure } from "../procedure";
import { domainRef as D, networkRef as N, poolRef as P, str } from "../types";
import { intRet } from "./common";

/** CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY: dom null subscribes to every domain. */
export const CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY = procedure(
  "CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY",
  316,
  struct({ eventID: int, dom: optional(D) }),
  intRet,
);
export const CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY = procedure(
  "CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY",
  317,
  struct({ callbackID: int }),
  xvoid,
);
/** CONNECT_NETWORK_EVENT_REGISTER_ANY: net null subscribes to every network. */
export const CONNECT_NETWORK_EVENT_REGISTER_ANY = procedure(
  "CONNECT_NETWORK_EVENT_REGISTER_ANY",
  313,
  struct({ eventID: int, net: optional(N) }),
  intRet,
);
export const CONNECT_NETWORK_EVENT_DEREGISTER_ANY = procedure(
  "CONNECT_NETWORK_EVENT_DEREGISTER_ANY",
  314,
  struct({ callbackID: int }),
  xvoid,
);

/** CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY: pool null subscribes to every pool. */
export const CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY = procedure(
  "CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY",
  368,
  struct({ eventID: int, pool: optional(P) }),
  intRet,
);
export const CONNECT_STORAGE_POOL_EVENT_DEREGISTER_ANY = procedure(
  "CONNECT_STORAGE_POOL_EVENT_DEREGISTER_ANY",
  369,
  struct({ callbackID: int }),
  xvoid,
);

/** Domain event IDs (virDomainEventID) we subscribe to. */
export const DomainEventId = {
  LIFECYCLE: 0,
  REBOOT: 1,
  DEVICE_REMOVED: 15,
  DEVICE_ADDED: 19,
} as const;
/** Network event IDs. */
export const NetworkEventId = { LIFECYCLE: 0 } as const;
/** Storage pool event IDs (virStoragePoolEventID). */
export const StoragePoolEventId = { LIFECYCLE: 0 } as const;

/** MESSAGE procedure numbers of the pushed events, and their payload codecs. */
export const EventMessage = {
  DOMAIN_LIFECYCLE: {
    proc: 318,
    body: struct({ callbackID: int, dom: D, event: int, detail: int }),
  },
  DOMAIN_REBOOT: { proc: 319, body: struct({ callbackID: int, dom: D }) },
  DOMAIN_DEVICE_REMOVED: { proc: 333, body: struct({ callbackID: int, dom: D, devAlias: str }) },
  DOMAIN_DEVICE_ADDED: { proc: 354, body: struct({ callbackID: int, dom: D, devAlias: str }) },
  NETWORK_LIFECYCLE: {
    proc: 315,
    body: struct({ callbackID: int, net: N, event: int, detail: int }),
  },
  STORAGE_POOL_LIFECYCLE: {
    proc: 370,
    body: struct({ callbackID: int, pool: P, event: int, detail: int }),
  },
} as const;
