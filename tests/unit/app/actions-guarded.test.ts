// Every way in goes through the one wrapper with a declared privilege: server actions are built
// with serverAction(operation), API route handlers with apiRoute("METHOD path") of the route
// table, the browser's other routes (single sign-on) with browserRoute("METHOD path"), pages
// call pageAccess/pageAccessTo, and every operation declares its access rule; the few open to
// everyone or to any signed-in user are listed here by name, with why.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");

function files(dir: string, test: (name: string) => boolean): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

const rel = (file: string) => path.relative(root, file);

/** The source with calls wrapped by the formatter joined again: `f(\n  "x",\n)` → `f("x")`. */
function joined(file: string): string {
  return readFileSync(file, "utf8")
    .replace(/\(\s+/g, "(")
    .replace(/,?\s+\)/g, ")");
}

/** Operations any caller may run, and why (everything else names a privilege on an object). */
const OPEN_TO_EVERYONE = new Map([
  ["auth.sign-in", "signing in is how a caller becomes someone"],
  ["auth.oidc-start", "single sign-on begins before the caller is anyone"],
  ["auth.oidc-callback", "single sign-on is how a caller becomes someone"],
  ["api.openapi", "the API's description holds no data, as Proxmox's API viewer"],
  ["health.live", "a load balancer's probe: says only that the process answers"],
  ["health.ready", "a load balancer's probe: database reachable, migrations applied, hosts online"],
  [
    "auth.second-factor",
    "the second step of signing in; its credential is the password step's cookie",
  ],
  [
    "auth.passkey-challenge",
    "the second step of signing in (a challenge for the cookie's sign-in)",
  ],
  ["auth.passkey", "the second step of signing in; its credential is the password step's cookie"],
]);
const OPEN_TO_SELF = new Map([
  ["auth.sign-out", "ends one's own session"],
  ["user.password", "changes one's own password"],
  ["access.me", "one's own grants, for the browser to offer only what one may do"],
  ["access.explain-mine", "one's own effective permissions"],
  ["api-token.create", "mints a token of one's own (asks for the password again)"],
  ["api-token.list", "one's own tokens"],
  ["api-token.revoke", "one's own tokens"],
  ["api-token.grant", "grants on one's own privilege-separated token, which never exceed its user"],
  ["session.list", "one's own sessions"],
  ["session.end", "one's own sessions"],
  ["role.list", "the roles' names and privileges, to read one's own grants"],
  ["second-factor.status", "one's own second factors"],
  ["totp.begin", "one's own TOTP (asks for the password again)"],
  ["totp.confirm", "one's own TOTP, begun with the password"],
  ["totp.remove", "one's own TOTP (asks for the password again)"],
  ["recovery-codes.renew", "one's own recovery codes (asks for the password again)"],
  ["passkey.register-options", "one's own passkeys (asks for the password again)"],
  ["passkey.register", "one's own passkeys, begun with the password"],
  ["passkey.remove", "one's own passkeys (asks for the password again)"],
]);

describe("server actions", () => {
  const actionFiles = [
    ...files("lib", (n) => /\.tsx?$/.test(n)),
    ...files("app", (n) => /\.tsx?$/.test(n)),
  ].filter((f) => /^\s*["']use server["']/.test(readFileSync(f, "utf8")));

  it("are found", () => expect(actionFiles.length).toBeGreaterThan(5));

  it("are each built with serverAction(operation)", () => {
    for (const file of actionFiles) {
      const source = joined(file);
      for (const [, name, rest] of source.matchAll(
        /export\s+(?:const|async function|function)\s+(\w+)\s*(.*)/g,
      ))
        expect(rest, `${rel(file)}: ${name}`).toMatch(/^=\s*serverAction\(\w+\);$/);
    }
  });
});

/** API routes outside /api: the load balancer's probes (health.ts) and Prometheus's scrape (metrics.ts). */
const PROBES = ["app/healthz/route.ts", "app/readyz/route.ts", "app/metrics/route.ts"];

describe("API route handlers", () => {
  const routeFiles = [
    ...files("app/api", (n) => n === "route.ts"),
    ...PROBES.map((f) => path.join(root, f)),
  ];
  const tableSource = files("lib/api/routes", (n) => n.endsWith(".ts"))
    .map((f) => readFileSync(f, "utf8"))
    .join("\n");
  const table = new Set(
    [
      ...tableSource.matchAll(
        /^\s*"((?:GET|POST|PUT|PATCH|DELETE) \/(?:api\/v1[^"]*|healthz|readyz|metrics))":/gm,
      ),
    ].map((m) => m[1]!),
  );
  const served = new Set<string>();

  it("each run one route of the table, named by their own path and method", () => {
    for (const file of routeFiles) {
      const dir = path
        .dirname(rel(file))
        .replace(/^app/, "")
        .replace(/\[(\w+)\]/g, "{$1}");
      const source = joined(file);
      const exports = [
        ...source.matchAll(/export\s+(?:const|async function|function)\s+(\w+)(.*)/g),
      ];
      expect(exports.length, rel(file)).toBeGreaterThan(0);
      for (const [, method, rest] of exports) {
        const key = `${method} ${dir}`;
        expect(rest, `${rel(file)}: ${method}`).toBe(` = apiRoute("${key}");`);
        expect(table.has(key), `${key} is not in lib/api/routes`).toBe(true);
        served.add(key);
      }
    }
  });

  it("leave no route of the table without a handler", () => {
    expect([...table].filter((k) => !served.has(k))).toEqual([]);
  });
});

describe("browser route handlers (outside /api)", () => {
  const routeFiles = files("app", (n) => n === "route.ts").filter(
    (f) => !rel(f).startsWith("app/api/") && !PROBES.includes(rel(f)),
  );
  const table = new Set(
    [
      ...readFileSync(path.join(root, "lib/api/browser-routes.ts"), "utf8").matchAll(
        /^\s*"(GET \/[^"]*)":/gm,
      ),
    ].map((m) => m[1]!),
  );

  it("are found", () => expect(routeFiles.length).toBeGreaterThan(0));

  it("each run one route of browser-routes.ts, named by their own path and method", () => {
    const served = new Set<string>();
    for (const file of routeFiles) {
      const dir = path.dirname(rel(file)).replace(/^app/, "");
      const source = joined(file);
      const exports = [
        ...source.matchAll(/export\s+(?:const|async function|function)\s+(\w+)(.*)/g),
      ];
      expect(exports.length, rel(file)).toBeGreaterThan(0);
      for (const [, method, rest] of exports) {
        const key = `${method} ${dir}`;
        expect(rest, `${rel(file)}: ${method}`).toBe(` = browserRoute("${key}");`);
        expect(table.has(key), `${key} is not in lib/api/browser-routes.ts`).toBe(true);
        served.add(key);
      }
    }
    expect([...table].filter((k) => !served.has(k))).toEqual([]);
  });
});

describe("pages", () => {
  // The second step of signing in has no session yet: it reads the password step's cookie.
  const PUBLIC_PAGES = new Set(["app/login/page.tsx", "app/login/second-factor/page.tsx"]);
  it("each check the session and privilege themselves (Next can render a segment alone)", () => {
    for (const file of files("app", (n) => n === "page.tsx")) {
      if (PUBLIC_PAGES.has(rel(file))) continue;
      expect(readFileSync(file, "utf8"), rel(file)).toMatch(/\bpageAccess(To)?\(/);
    }
  });
});

describe("operations", () => {
  const opFiles = files("lib", (n) => n.endsWith(".ts")).filter((f) =>
    readFileSync(f, "utf8").includes("operation({"),
  );
  const ops = opFiles.flatMap((file) =>
    readFileSync(file, "utf8")
      .split(/(?=\boperation\(\{)/)
      .slice(1)
      .map((block) => ({
        file: rel(file),
        name: /name:\s*"([^"]+)"/.exec(block)?.[1],
        access: /access:\s*(\{[^}]*\}|\w+)/.exec(block)?.[1],
        audit: /audit:\s*(true|false)/.exec(block)?.[1],
      })),
  );

  it("are found, with unique names", () => {
    expect(ops.length).toBeGreaterThan(80);
    const names = ops.map((o) => o.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it("each declare their access rule and whether they are audited", () => {
    for (const op of ops) {
      expect(op.name, op.file).toBeDefined();
      expect(op.access, `${op.name}: access`).toBeDefined();
      expect(op.audit, `${op.name}: audit`).toBeDefined();
    }
  });

  it("are open to everyone or to any signed-in user only where listed, with why", () => {
    for (const op of ops) {
      const open = /open:\s*"(public|self)"/.exec(op.access ?? "")?.[1];
      if (open === "public") expect(OPEN_TO_EVERYONE.has(op.name!), op.name).toBe(true);
      else if (open === "self") expect(OPEN_TO_SELF.has(op.name!), op.name).toBe(true);
      else
        expect(op.access, `${op.name} names no privilege`).toMatch(
          /privilege|filtered|memberRule|onRoot/,
        );
    }
  });
});
