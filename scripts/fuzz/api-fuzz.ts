// Part 3: random and mutated JSON bodies (and query strings and path segments) to every route
// family of /api/v1 on a real Virtdeck server, signed in with the session cookie or an API
// token (and sometimes neither). Every answer is judged: a 4xx must carry a JSON error with a
// message (and the fields when the input was invalid); a 5xx, a success for a body built to be
// refused, or no answer within 30 s is a failure, with samples printed.
import http from "node:http";
import { FAMILIES, type Family, fakeId, type Param, type Route } from "./api-routes";
import { instanceOf } from "./api-seed";
import { brokenJsonText, mutateJson, nastyString } from "./json-mutate";
import type { Prng } from "./prng";
import type { Tally } from "./tally";

const ANSWER_MS = 30_000;
const WORKERS = 4;
/** Above the server's 1 MiB limit for JSON bodies. */
const HUGE = 1 << 20;

export interface ApiTarget {
  baseUrl: string;
  cookie: string;
  token: string;
}

export interface FamilyCount {
  bodies: number;
  reads: number;
}

export interface ApiResult {
  families: Record<Family, FamilyCount>;
  tally: Tally;
  failures: number;
  hangs: number;
  routes: { fuzzed: number; total: number; missed: string[] };
}

interface Answer {
  status: number;
  text: string;
}

function send(
  agent: http.Agent,
  t: ApiTarget,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: Buffer,
): Promise<Answer | { error: string }> {
  return new Promise((resolve) => {
    const req = http.request(`${t.baseUrl}${path}`, {
      method,
      agent,
      timeout: ANSWER_MS,
      // An explicit length: Node sends a DELETE body without one otherwise, which the server
      // must then read as the start of the next request.
      headers: { ...headers, ...(body ? { "content-length": String(body.length) } : {}) },
    });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
      );
      res.on("error", (e) => resolve({ error: e.message }));
    });
    req.on("timeout", () => req.destroy(new Error(`no answer in ${ANSWER_MS} ms`)));
    req.on("error", (e) => resolve({ error: e.message }));
    req.end(body);
  });
}

/**
 * Percent-encodes like encodeURIComponent, except that a lone surrogate (which that refuses)
 * becomes the three bytes a careless UTF-8 encoder would write: invalid UTF-8 for the server.
 */
function percentEncode(v: string): string {
  let out = "";
  for (const ch of v) {
    const c = ch.charCodeAt(0);
    if (ch.length === 1 && c >= 0xd800 && c <= 0xdfff) {
      const bytes = [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)];
      out += bytes.map((b) => `%${b.toString(16).toUpperCase()}`).join("");
    } else out += encodeURIComponent(ch);
  }
  return out;
}

/** A path segment: the route's own choices for enums, else a made-up or nasty name. */
function segment(r: Prng, p: Param): string {
  if (p.schema.enum && r.chance(0.85)) return String(r.pick(p.schema.enum));
  let v = r.chance(0.6) ? fakeId(r) : nastyString(r);
  // "." and ".." would be resolved away by the URL and reach another route; "" another one too.
  if (v === "" || v === "." || v === "..") v = `${v}vdfuzz`;
  return percentEncode(v);
}

function queryString(r: Prng, params: Param[]): string {
  const parts: string[] = [];
  for (const p of params) {
    if (p.in !== "query" || r.chance(0.4)) continue;
    const v = r.chance(0.5) ? instanceOf(r, p.schema) : nastyString(r);
    parts.push(`${percentEncode(p.name)}=${percentEncode(String(v))}`);
    if (r.chance(0.05)) parts.push(`${percentEncode(p.name)}=${percentEncode(nastyString(r))}`);
  }
  if (r.chance(0.1)) parts.push(`vdfuzz_${r.int(100)}=${percentEncode(nastyString(r))}`);
  return parts.length ? `?${parts.join("&")}` : "";
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The body bytes: mostly a mutation of a plausible body (guarded), sometimes not JSON at all. */
function bodyFor(r: Prng, route: Route): Buffer {
  const seed = instanceOf(r, route.body) ?? {};
  const value = r.chance(0.9) ? mutateJson(r, seed) : seed;
  if (route.guard && isObject(value)) route.guard(r, value);
  const text = JSON.stringify(value) ?? "null";
  const roll = r.next();
  if (roll < 0.03) return Buffer.alloc(0);
  if (roll < 0.04) return Buffer.from(`{"vdfuzz":"${"x".repeat(HUGE)}"}`);
  if (roll < 0.16) return brokenJsonText(r, text);
  return Buffer.from(text);
}

type Credential = "none" | "bearer" | "cookie";

function headersFor(t: ApiTarget, credential: Credential): Record<string, string> {
  const h: Record<string, string> = { "content-type": "application/json", origin: t.baseUrl };
  if (credential === "bearer") h.authorization = `Bearer ${t.token}`;
  if (credential === "cookie") h.cookie = t.cookie;
  return h;
}

/** What a request was, for samples (never the credential). */
function summarise(route: Route, path: string, credential: Credential, body?: Buffer): string {
  const shown = body ? ` ${body.subarray(0, 160).toString()}${body.length > 160 ? "…" : ""}` : "";
  return `${route.method} ${path.slice(0, 160)} [${credential}]${shown}`;
}

function judge(tally: Tally, route: Route, answer: Answer | { error: string }, what: string): void {
  if ("error" in answer) {
    const hang = /no answer/.test(answer.error);
    tally.fail(hang ? "hang" : "no answer (connection error)", `${what} → ${answer.error}`);
    return;
  }
  const { status, text } = answer;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {}
  const sample = `${what} → ${status} ${text.slice(0, 200)}`;
  if (status >= 500) tally.fail("5xx", sample);
  else if (status >= 200 && status < 300) {
    if (route.method === "GET") tally.add("read answered 2xx");
    else if (route.accepts(json)) tally.add("2xx that changes nothing");
    else tally.fail("2xx for a body built to be refused", sample);
  } else if (status >= 400 && status < 500) {
    const error = isObject(json) && typeof json.error === "string" ? json.error.trim() : "";
    if (!error || /Something went wrong/.test(error))
      tally.fail("4xx without a clear JSON error", sample);
    else tally.add(`${status}${isObject(json) && json.fields ? " naming fields" : ""}`);
  } else tally.fail("unexpected status", sample);
}

async function one(
  agent: http.Agent,
  r: Prng,
  t: ApiTarget,
  route: Route,
  tally: Tally,
): Promise<void> {
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    segment(r, route.params.find((p) => p.name === name) ?? { name, in: "path", schema: {} }),
  );
  const full = path + queryString(r, route.params);
  const roll = r.next();
  const credential: Credential =
    roll < 0.05 ? "none" : route.bearerOnly || roll < 0.5 ? "bearer" : "cookie";
  const body = route.method === "GET" ? undefined : bodyFor(r, route);
  const answer = await send(agent, t, route.method, full, headersFor(t, credential), body);
  judge(tally, route, answer, summarise(route, full, credential, body));
}

/** Runs `perFamily` inputs through each family's routes (bodies; queries for read-only ones). */
export async function fuzzApi(
  base: Prng,
  t: ApiTarget,
  routes: Route[],
  perFamily: number,
  tally: Tally,
  label: string,
  onFamily: (family: Family) => void = () => {},
): Promise<ApiResult> {
  const families = Object.fromEntries(FAMILIES.map((f) => [f, { bodies: 0, reads: 0 }])) as Record<
    Family,
    FamilyCount
  >;
  const fuzzed = new Set<string>();
  const agent = new http.Agent({ keepAlive: true, maxSockets: WORKERS });
  let next = 0;
  for (const family of FAMILIES) {
    const writes = routes.filter((x) => x.family === family && x.method !== "GET");
    const reads = routes.filter((x) => x.family === family && x.method === "GET");
    const count = families[family];
    // Families with changes count bodies; the audit log (reads only) counts query strings.
    const done = () => (writes.length > 0 ? count.bodies : count.reads) >= perFamily;
    const started = Date.now();
    onFamily(family);
    const worker = async () => {
      while (!done()) {
        const r = base.fork(`api:${next++}`);
        const route =
          writes.length > 0 && (reads.length === 0 || r.chance(0.85))
            ? r.pick(writes)
            : r.pick(reads);
        fuzzed.add(route.key);
        if (route.method === "GET") count.reads++;
        else count.bodies++;
        await one(agent, r, t, route, tally);
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, worker));
    const secs = ((Date.now() - started) / 1000).toFixed(0);
    console.log(`  ${label} ${family}: ${count.bodies} bodies, ${count.reads} reads in ${secs} s`);
  }
  agent.destroy();
  const failures = [
    "5xx",
    "2xx for a body built to be refused",
    "4xx without a clear JSON error",
    "unexpected status",
    "no answer (connection error)",
  ]
    .map((k) => tally.get(k))
    .reduce((a, b) => a + b, 0);
  return {
    families,
    tally,
    failures,
    hangs: tally.get("hang"),
    routes: {
      fuzzed: fuzzed.size,
      total: routes.length,
      missed: routes.filter((x) => !fuzzed.has(x.key)).map((x) => x.key),
    },
  };
}
