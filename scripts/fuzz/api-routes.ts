// The routes the API fuzzer sends to: read from the server's own OpenAPI document (so a new
// route is fuzzed without being listed here), grouped into families, each with what keeps the
// lab and the fuzzer's own sign-in safe: path parameters that name nothing that exists, and for
// the few routes with no object to look up, one field made invalid after mutation.

import type { JsonSchema } from "./api-seed";
import type { Prng } from "./prng";

export const FAMILIES = [
  "auth",
  "hosts",
  "networks",
  "storage",
  "vms",
  "access",
  "tokens",
  "audit",
] as const;
export type Family = (typeof FAMILIES)[number];

export interface Param {
  name: string;
  in: "path" | "query";
  schema: JsonSchema;
}

export interface Route {
  key: string;
  method: string;
  path: string;
  family: Family;
  params: Param[];
  body?: JsonSchema;
  /** Makes a mutated body unusable where nothing else would refuse it (see GUARDS). */
  guard?: (r: Prng, body: Record<string, unknown>) => void;
  /** A success that changes nothing and is therefore fine (reads, and the cases in ACCEPTED). */
  accepts: (json: unknown) => boolean;
  /** Never sent with the fuzzer's session cookie (it would end the session). */
  bearerOnly: boolean;
}

function familyOf(path: string): Family | null {
  const p = path.replace(/^\/api\/v1/, "");
  if (p.startsWith("/auth/") || p.startsWith("/account/")) return "auth";
  if (/^\/hosts\/\{hostId\}\/networks/.test(p)) return "networks";
  if (/^\/hosts\/\{hostId\}\/(pools|volumes)/.test(p)) return "storage";
  if (p.startsWith("/hosts")) return "hosts";
  if (p.startsWith("/vms")) return "vms";
  if (/^\/(users|groups|roles|acl|vm-groups|access)\b/.test(p)) return "access";
  if (/^\/(tokens|sessions|admin)\b/.test(p)) return "tokens";
  if (p.startsWith("/audit")) return "audit";
  return null; // the OpenAPI document itself
}

/** Names every validator here refuses (bad first character, a slash, empty, wrong types). */
const INVALID_NAMES: unknown[] = ["-vdfuzz", "vd/fuzz", "", "  ", 42, null, ["vdfuzz"], {}];

/** An id no object has: the inventory and the database use cuids, never this marker. */
export function fakeId(r: Prng): string {
  return `vdfuzz-no-such-${r.int(1e9).toString(36)}`;
}

/**
 * Routes that name no existing object, so a body that happened to stay valid would really run:
 * each gets one field that cannot pass. Everything else names its object by path (always a
 * made-up one) or checks the caller's password (never sent right).
 */
const GUARDS: Record<string, (r: Prng, b: Record<string, unknown>) => void> = {
  // Would connection-test the URI (a dial) and save a host.
  "POST /api/v1/hosts": (r, b) => {
    b.name = r.pick(INVALID_NAMES);
  },
  // With a host id the test first looks that host up: a made-up one, so nothing is dialled.
  "POST /api/v1/hosts/test": (r, b) => {
    b.id = fakeId(r);
  },
  // The host in the body is looked up first: made up, so no VM is created or previewed.
  "POST /api/v1/vms": (r, b) => {
    b.hostId = fakeId(r);
  },
  "POST /api/v1/vms/preview": (r, b) => {
    b.hostId = fakeId(r);
  },
  // The target host is the operation's object, looked up first: made up, so nothing migrates.
  "POST /api/v1/vms/migrate": (r, b) => {
    b.target = fakeId(r);
  },
  "POST /api/v1/users": (r, b) => {
    b.username = r.pick(INVALID_NAMES);
  },
  "POST /api/v1/groups": (r, b) => {
    b.name = r.pick(INVALID_NAMES);
  },
  "POST /api/v1/roles": (r, b) => {
    b.privileges = [r.pick(["vdfuzz.NoSuchPrivilege", 7, null])];
  },
  "POST /api/v1/acl": (r, b) => {
    b.subjectType = r.pick(["vdfuzz", 1, null]);
  },
  "POST /api/v1/vm-groups": (r, b) => {
    b.name = r.pick(INVALID_NAMES);
  },
  "POST /api/v1/tokens": (r, b) => {
    b.expiresInDays = r.pick([-1, 3651, 1.5, "soon"]);
  },
  // A policy naming a role that does not exist is refused whole, so nobody is asked for a factor.
  "PUT /api/v1/auth/policy": (r, b) => {
    b.secondFactorRoles = [`vdfuzz-no-such-role-${r.int(1e6)}`];
  },
};

/** Mutating routes whose success is harmless by design, and how to tell. */
const ACCEPTED: Record<string, (json: unknown) => boolean> = {
  // Signing out a bearer token's request ends no session (there is no cookie to end).
  "POST /api/v1/auth/logout": (j) => (j as { signedOut?: unknown })?.signedOut === true,
  // Every id in the body is made up: each must be reported as failed, none done.
  "POST /api/v1/vms/actions/{action}": (j) => (j as { done?: unknown })?.done === 0,
};

/** Routes without an object in their path that need no guard, and why. */
const SAFE_UNGUARDED: Record<string, string> = {
  "POST /api/v1/auth/login": "the fuzzer never sends a right password",
  "POST /api/v1/auth/logout": "sent with the API token only: there is no session to end",
  "POST /api/v1/auth/password": "the current password it sends is never the right one",
  "DELETE /api/v1/auth/lockouts":
    "lifts a lockout of the fuzz server's own sign-in failures at most; the lab is not touched",
  "POST /api/v1/vms/actions/{action}":
    "its VM ids come from the fuzzer, which knows no real one: all must fail (done: 0)",
  "POST /api/v1/auth/second-factor": "needs a password step's cookie, which the fuzzer never has",
  "POST /api/v1/auth/passkey/challenge":
    "needs a password step's cookie, which the fuzzer never has",
  "POST /api/v1/auth/passkey": "needs a password step's cookie, which the fuzzer never has",
  "POST /api/v1/account/totp": "the password it sends is never the right one",
  "POST /api/v1/account/totp/confirm":
    "no TOTP set-up was started (that takes the right password), so there is nothing to confirm",
  "POST /api/v1/account/totp/remove": "the password it sends is never the right one",
  "POST /api/v1/account/recovery-codes": "the password it sends is never the right one",
  "POST /api/v1/account/passkeys/options": "the password it sends is never the right one",
  "POST /api/v1/account/passkeys":
    "no registration was started (that takes the right password), so no answer can match",
};

interface OpenApiOperation {
  parameters?: Param[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

/** Every fuzzable route of the document, by family. */
export function routesOf(doc: {
  paths: Record<string, Record<string, OpenApiOperation>>;
}): Route[] {
  const routes: Route[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    const family = familyOf(path);
    if (!family) continue;
    for (const [m, op] of Object.entries(ops)) {
      const method = m.toUpperCase();
      const key = `${method} ${path}`;
      const content = op.requestBody?.content;
      routes.push({
        key,
        method,
        path,
        family,
        params: (op.parameters ?? []).filter((p) => p.in === "path" || p.in === "query"),
        body: content ? Object.values(content)[0]?.schema : undefined,
        guard: GUARDS[key],
        accepts: method === "GET" ? () => true : (ACCEPTED[key] ?? (() => false)),
        bearerOnly: key === "POST /api/v1/auth/logout",
      });
    }
  }
  checkClassified(routes);
  return routes;
}

/**
 * Refuses to fuzz a mutating route that names no object in its path unless it is guarded or
 * listed as safe: a new route of that kind must be looked at before valid bodies reach it.
 */
function checkClassified(routes: Route[]): void {
  const keys = new Set(routes.map((r) => r.key));
  for (const key of [
    ...Object.keys(GUARDS),
    ...Object.keys(ACCEPTED),
    ...Object.keys(SAFE_UNGUARDED),
  ])
    if (!keys.has(key))
      throw new Error(`scripts/fuzz/api-routes.ts names ${key}, which is no longer a route`);
  for (const r of routes) {
    const objectInPath = r.params.some((p) => p.in === "path" && p.name !== "action");
    if (r.method !== "GET" && !objectInPath && !r.guard && !SAFE_UNGUARDED[r.key])
      throw new Error(
        `${r.key} names no object and has no guard: classify it in scripts/fuzz/api-routes.ts`,
      );
  }
}
