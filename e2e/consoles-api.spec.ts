// Console tickets for scripts (POST /api/v1/vms/{id}/consoles with an API token, then raw RFB or
// serial bytes over the WebSocket) and every refusal of the upgrade, each with its HTTP status.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { type APIRequestContext, request as apiRequest, expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import WebSocket from "ws";
import { hashPassword } from "../lib/auth/password";
import { freshGuestName } from "../tests/integration/lab/tiny-guest";
import { labEnv } from "../tests/integration/support/lab-env";
import { defineXml, guestXml, removeDomain, virsh } from "../tests/integration/support/virsh";
import { mintToken } from "./support/api-token";
import { E2E_BASE_URL, E2E_DATA_DIR } from "./support/constants";
import { addLabHost, removeHost } from "./support/lab-host";
import { signIn } from "./support/sign-in";
import { tryUpgrade } from "./support/ws-upgrade";

const lab = labEnv();
const suffix = Date.now().toString(36);
const hostName = `lab-capi-${suffix}`;
const guest = freshGuestName("e2e-capi");
const WS_BASE = E2E_BASE_URL.replace(/^http/, "ws");
let token = "";
let vmId = "";
let api: APIRequestContext;

interface Issued {
  ticket: string;
  path: string;
  expiresAt: string;
}

async function issue(type: "vnc" | "serial", ctx = api): Promise<Issued> {
  const res = await ctx.post(`/api/v1/vms/${vmId}/consoles`, { data: { type } });
  expect(res.status()).toBe(201);
  return (await res.json()) as Issued;
}

/** A second user, written into the e2e server's database (there is no user management UI). */
async function createUser(username: string, password: string): Promise<void> {
  const db = new Database(path.join(E2E_DATA_DIR, "virtdeck.db"));
  db.prepare(
    `INSERT INTO "User" (id, username, passwordHash, mustChangePassword, updatedAt) VALUES (?, ?, ?, 0, ?)`,
  ).run(
    `e2e-${randomBytes(6).toString("hex")}`,
    username,
    await hashPassword(password),
    Date.now(),
  );
  db.close();
}

/** Signs in through the API and returns the session cookie header. */
async function sessionCookie(username: string, password: string): Promise<string> {
  const ctx = await apiRequest.newContext({ baseURL: E2E_BASE_URL });
  const res = await ctx.post("/api/v1/auth/login", { data: { username, password } });
  expect(res.status()).toBe(200);
  const cookie = (await ctx.storageState()).cookies.find((c) => c.name === "virtdeck_session");
  await ctx.dispose();
  return `virtdeck_session=${cookie?.value}`;
}

/** Opens a ticketed console socket and resolves with the first binary message. */
function firstBytes(url: string, send?: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on("open", () => send && ws.send(send));
    ws.on("message", (data, isBinary) => {
      if (!isBinary) return;
      resolve(data as Buffer);
      ws.close();
    });
    ws.on("unexpected-response", (_q, res) => reject(new Error(`refused ${res.statusCode}`)));
    ws.on("error", reject);
  });
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  await defineXml(lab.LAB_URI, await guestXml(lab, guest));
  await virsh(lab.LAB_URI, "start", guest);
  const page = await browser.newPage();
  await signIn(page);
  await addLabHost(page, hostName);
  await page.close();
  token = (await mintToken(`consoles ${suffix}`)).token;
  api = await apiRequest.newContext({
    baseURL: E2E_BASE_URL,
    extraHTTPHeaders: { authorization: `Bearer ${token}` },
  });
  await expect
    .poll(async () => {
      const { vms } = (await (await api.get("/api/v1/vms")).json()) as {
        vms: { id: string; name: string; state: string }[];
      };
      vmId = vms.find((v) => v.name === guest && v.state === "running")?.id ?? "";
      return vmId;
    })
    .not.toBe("");
});

test.afterAll(async ({ browser }) => {
  await api?.dispose();
  await removeDomain(lab.LAB_URI, guest);
  const page = await browser.newPage();
  await signIn(page);
  await removeHost(page, hostName);
  await page.close();
});

test("an API token gets a ticket; the socket then speaks raw RFB, once", async () => {
  const issued = await issue("vnc");
  expect(issued.path).toBe(`/ws/consoles/${vmId}/vnc`);
  expect(Date.parse(issued.expiresAt) - Date.now()).toBeLessThanOrEqual(30_000);
  const url = `${WS_BASE}${issued.path}?ticket=${issued.ticket}`;
  expect((await firstBytes(url)).toString("latin1")).toMatch(/^RFB 003\.00\d\n/);
  // Single use: the same ticket again is refused before any byte flows.
  expect((await tryUpgrade(`${issued.path}?ticket=${issued.ticket}`)).status).toBe(401);
});

test("bad requests for tickets are refused", async () => {
  const anonymous = await apiRequest.newContext({ baseURL: E2E_BASE_URL });
  expect(
    (await anonymous.post(`/api/v1/vms/${vmId}/consoles`, { data: { type: "vnc" } })).status(),
  ).toBe(401);
  await anonymous.dispose();
  expect((await api.post(`/api/v1/vms/${vmId}/consoles`, { data: { type: "rdp" } })).status()).toBe(
    400,
  );
  expect((await api.post(`/api/v1/vms/nope/consoles`, { data: { type: "vnc" } })).status()).toBe(
    404,
  );
});

test("console upgrades without a valid ticket, with another user's, or cross-origin are refused", async () => {
  const path = `/ws/consoles/${vmId}/serial`;
  const expiring = await issue("serial");
  expect((await tryUpgrade(path)).status).toBe(401);
  expect((await tryUpgrade(`${path}?ticket=${"x".repeat(43)}`)).status).toBe(401);

  // Another user's browser session cannot use admin's ticket (nor the other way round).
  const other = `ops-${suffix}`;
  await createUser(other, "other-user-password-1");
  const otherCookie = await sessionCookie(other, "other-user-password-1");
  const stolen = await issue("serial");
  expect(
    (await tryUpgrade(`${path}?ticket=${stolen.ticket}`, { cookie: otherCookie })).status,
  ).toBe(403);

  // A foreign page's script is refused whatever it holds.
  const fresh = await issue("serial");
  const origin = { origin: "http://evil.example" };
  expect((await tryUpgrade(`${path}?ticket=${fresh.ticket}`, origin)).status).toBe(403);
  // A ticket for another console type or VM is refused.
  expect((await tryUpgrade(`/ws/consoles/${vmId}/vnc?ticket=${fresh.ticket}`)).status).toBe(403);

  // Expired: tickets live about 30 s.
  await new Promise((r) =>
    setTimeout(r, Math.max(0, Date.parse(expiring.expiresAt) - Date.now() + 1_000)),
  );
  expect((await tryUpgrade(`${path}?ticket=${expiring.ticket}`)).status).toBe(401);
});

test("the serial socket carries raw bytes: a typed command comes back", async () => {
  const issued = await issue("serial");
  const word = `virtdeck-${randomBytes(4).toString("hex")}`;
  const ws = new WebSocket(`${WS_BASE}${issued.path}?ticket=${issued.ticket}`);
  let out = "";
  ws.on("message", (d, isBinary) => {
    if (isBinary) out += (d as Buffer).toString("utf8");
  });
  await new Promise((resolve) => ws.once("open", resolve));
  await expect
    .poll(
      () => {
        ws.send(Buffer.from(`echo ${word}\r`));
        return out.split(word).length - 1;
      },
      { timeout: 30_000, intervals: [2_000] },
    )
    .toBeGreaterThanOrEqual(2);
  ws.close();
});
