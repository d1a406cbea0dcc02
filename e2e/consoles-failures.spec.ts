// Consoles where things are unusual or go wrong, against a Virtdeck of its own (spawned, so that
// its whole log output can be read): a VNC password from the domain XML (never logged nor
// audited), a VNC display on a UNIX socket, malformed and oversized WebSocket messages, a VM
// destroyed under open consoles, and the host's libvirtd going away. Each ending comes with a
// message (a close code for scripts, words and a Reconnect button in the browser), and the
// server keeps serving.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  type APIRequestContext,
  request as apiRequest,
  expect,
  type Page,
  test,
} from "@playwright/test";
import Database from "better-sqlite3";
import WebSocket from "ws";
import {
  freshGuestName,
  removeTinyGuest,
  startTinyGuest,
} from "../tests/integration/lab/tiny-guest";
import { labEnv } from "../tests/integration/support/lab-env";
import { guestXml, run, virsh } from "../tests/integration/support/virsh";
import { mintToken } from "./support/api-token";
import { lightPixels, openVmPage, openVncConsole } from "./support/consoles";
import { E2E_ADMIN_PASSWORD, E2E_PORT } from "./support/constants";
import { addLabHost } from "./support/lab-host";
import { signIn } from "./support/sign-in";
import { type SpawnedServer, spawnServer } from "./support/spawn-server";

const lab = labEnv();
const PORT = E2E_PORT + 37;
const BASE = `http://127.0.0.1:${PORT}`;
const WS_BASE = BASE.replace(/^http/, "ws");
const suffix = Date.now().toString(36);
const hostName = `lab-cfail-${suffix}`;
const pwGuest = freshGuestName("e2e-cpw");
const sockGuest = freshGuestName("e2e-csock");
// QEMU's VNC authentication uses the first 8 characters of a password.
const vncPassword = `p${randomBytes(4).toString("hex").slice(0, 7)}`;
const dataDir = mkdtempSync(path.join(tmpdir(), "virtdeck-e2e-cfail-"));
let server: SpawnedServer;
let api: APIRequestContext;
const vmIds: Record<string, string> = {};

test.use({ baseURL: BASE });
test.describe.configure({ mode: "serial" });

/** The lab's tiny guest with its <graphics> element replaced. */
async function startGuestWithGraphics(name: string, graphics: string): Promise<void> {
  const xml = (await guestXml(lab, name)).replace(/<graphics type='vnc'[^>]*\/>/, graphics);
  expect(xml).toContain(graphics);
  const orig = labEnv();
  // startTinyGuest defines from guestXml; define our variant first, then start the same way.
  await startTinyGuest({ ...orig, LAB_SCRIPT: await scriptPrinting(xml) }, name);
}

/** A throwaway script that prints the given XML (startTinyGuest asks `bash SCRIPT guest-xml`). */
async function scriptPrinting(xml: string): Promise<string> {
  const file = path.join(dataDir, `xml-${randomBytes(4).toString("hex")}.sh`);
  const { writeFile } = await import("node:fs/promises");
  await writeFile(file, `cat <<'VIRTDECK_XML'\n${xml}\nVIRTDECK_XML\n`);
  return file;
}

function auditRows(): { action: string; target: string; outcome: string; detail: string | null }[] {
  const db = new Database(path.join(dataDir, "virtdeck.db"), { readonly: true });
  try {
    return db.prepare(`SELECT action, target, outcome, detail FROM "AuditEvent"`).all() as never;
  } finally {
    db.close();
  }
}

async function issue(vm: string, type: "vnc" | "serial"): Promise<string> {
  const res = await api.post(`/api/v1/vms/${vmIds[vm]}/consoles`, { data: { type } });
  expect(res.status()).toBe(201);
  const { ticket, path: p } = (await res.json()) as { ticket: string; path: string };
  return `${WS_BASE}${p}?ticket=${ticket}`;
}

interface Opened {
  ws: WebSocket;
  first: Buffer;
  closed: Promise<{ code: number; reason: string }>;
}

/**
 * Opens a ticketed console socket and waits for its first binary message (VNC speaks first; a
 * serial line answers `poke`, e.g. a carriage return that makes the shell print its prompt).
 */
function openRaw(url: string, poke?: string): Promise<Opened> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const poking = setInterval(() => {
      if (poke && ws.readyState === ws.OPEN) ws.send(Buffer.from(poke));
    }, 1_000);
    ws.once("message", () => clearInterval(poking));
    ws.once("close", () => clearInterval(poking));
    const closed = new Promise<{ code: number; reason: string }>((r) =>
      ws.once("close", (code, reason) => r({ code, reason: reason.toString() })),
    );
    ws.on("error", () => {});
    ws.once("message", (data) => resolve({ ws, first: data as Buffer, closed }));
    ws.once("unexpected-response", (_q, res) => reject(new Error(`refused ${res.statusCode}`)));
    ws.once("close", (code) => reject(new Error(`closed ${code} before any byte`)));
  });
}

async function serverServes(): Promise<void> {
  const res = await api.get("/api/v1/vms");
  expect(res.status()).toBe(200);
}

async function expectEnded(page: Page, message: RegExp): Promise<void> {
  await expect(page.getByTestId("console-message")).toContainText(message, { timeout: 20_000 });
  await expect(page.getByRole("button", { name: "Reconnect" })).toBeVisible();
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(240_000);
  server = await spawnServer(PORT, {
    VIRTDECK_ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
    VIRTDECK_DATA_DIR: dataDir,
  });
  await Promise.all([
    startGuestWithGraphics(
      pwGuest,
      `<graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1' passwd='${vncPassword}'/>`,
    ),
    startGuestWithGraphics(sockGuest, `<graphics type='vnc'><listen type='socket'/></graphics>`),
  ]);
  const page = await browser.newPage({ baseURL: BASE });
  await signIn(page);
  await addLabHost(page, hostName);
  await page.close();
  const { token } = await mintToken(`console failures ${suffix}`, { baseURL: BASE });
  api = await apiRequest.newContext({
    baseURL: BASE,
    extraHTTPHeaders: { authorization: `Bearer ${token}` },
  });
  await expect
    .poll(
      async () => {
        const { vms } = (await (await api.get("/api/v1/vms")).json()) as {
          vms: { id: string; name: string; state: string }[];
        };
        for (const v of vms) if (v.state === "running") vmIds[v.name] = v.id;
        return Boolean(vmIds[pwGuest] && vmIds[sockGuest]);
      },
      { timeout: 30_000 },
    )
    .toBe(true);
});

test.afterAll(async () => {
  // Whatever failed, host 1's libvirtd is running again before anything else.
  await run("bash", [lab.LAB_SCRIPT, "libvirtd", "start"]).catch(() => undefined);
  await api?.dispose();
  await server?.stop();
  await removeTinyGuest(lab, pwGuest);
  await removeTinyGuest(lab, sockGuest);
  rmSync(dataDir, { recursive: true, force: true });
});

test("a VNC password from the domain XML opens the screen and is never logged or audited", async ({
  page,
}) => {
  await signIn(page);
  await openVmPage(page, pwGuest);
  await openVncConsole(page);
  await expect.poll(() => lightPixels(page), { timeout: 15_000 }).toBeGreaterThan(500);
  // The server asked for the password (QEMU offered VNC authentication, not None) …
  await expect(page.getByRole("textbox", { name: /password/i })).toHaveCount(0);
  // … and it appears nowhere in the server's output nor in the audit table.
  const rows = auditRows();
  expect(rows.some((r) => r.action === "console.vnc.open" && r.outcome === "ok")).toBe(true);
  expect(JSON.stringify(rows)).not.toContain(vncPassword);
  expect(server.output()).not.toContain(vncPassword);
  // Without the password the display refuses: QEMU really asks for one.
  const raw = await openRaw(await issue(pwGuest, "vnc"));
  raw.ws.send(Buffer.from("RFB 003.008\n"));
  const types = await new Promise<Buffer>((r) => raw.ws.once("message", (d) => r(d as Buffer)));
  expect([...types.subarray(1)]).toEqual([2]); // VNC authentication only
  raw.ws.close();
});

test("a VNC display on a UNIX socket opens in the browser", async ({ page }) => {
  const live = await virsh(lab.LAB_URI, "dumpxml", sockGuest);
  expect(live).toMatch(/<listen type='socket' socket='\/[^']+'/);
  await signIn(page);
  await openVmPage(page, sockGuest);
  await openVncConsole(page);
  await expect.poll(() => lightPixels(page), { timeout: 15_000 }).toBeGreaterThan(500);
});

test("malformed and oversized messages end the session with a close code; the server goes on", async () => {
  const cases: { name: string; send: (ws: WebSocket) => void; code: number; reason?: RegExp }[] = [
    {
      name: "text that is not JSON",
      send: (ws) => ws.send("{not json"),
      code: 1007,
      reason: /JSON/,
    },
    {
      name: "an unknown control message",
      send: (ws) => ws.send(JSON.stringify({ type: "reboot" })),
      code: 1008,
      reason: /Unknown control/,
    },
    {
      name: "a message over 1 MiB",
      send: (ws) => ws.send(Buffer.alloc((1 << 20) + 1)),
      code: 1009,
    },
    {
      // A frame with RSV1 set (no extension was negotiated): a protocol error.
      name: "a malformed frame",
      send: (ws) =>
        (ws as unknown as { _socket: NodeJS.WritableStream })._socket.write(
          Buffer.from([0xc2, 0x80, 1, 2, 3, 4]),
        ),
      code: 1002,
    },
  ];
  for (const c of cases) {
    const opened = await openRaw(await issue(pwGuest, "vnc"));
    expect(opened.first.toString("latin1"), c.name).toMatch(/^RFB 003\.00\d\n/);
    c.send(opened.ws);
    const closed = await opened.closed;
    expect(closed.code, c.name).toBe(c.code);
    if (c.reason) expect(closed.reason, c.name).toMatch(c.reason);
  }
  // Each ending is audited with its code, and a new ticket opens a working console.
  await expect
    .poll(() =>
      auditRows()
        .filter((r) => r.action === "console.vnc.close")
        .map((r) => r.detail?.match(/\(code (\d+)\)/)?.[1]),
    )
    .toEqual(expect.arrayContaining(["1007", "1008", "1009", "1002"]));
  const again = await openRaw(await issue(pwGuest, "vnc"));
  expect(again.first.toString("latin1")).toMatch(/^RFB 003\.00\d\n/);
  again.ws.close();
  await serverServes();
});

test("a VM destroyed under open VNC and serial consoles ends both with a message and Reconnect", async ({
  browser,
  page,
}) => {
  await signIn(page);
  await openVmPage(page, sockGuest);
  await openVncConsole(page);
  const serial = await browser.newPage({ baseURL: BASE });
  await signIn(serial);
  await openVmPage(serial, sockGuest);
  await serial.getByRole("link", { name: "Open serial console" }).click();
  await expect(serial.getByTestId("serial-terminal")).toHaveAttribute("data-status", "connected", {
    timeout: 20_000,
  });

  await virsh(lab.LAB_URI, "destroy", sockGuest);
  await expectEnded(page, /display closed.*VM stop/);
  await expectEnded(serial, /serial console ended.*VM stop/);
  await serial.close();
  await serverServes();
});

test("host 1's libvirtd going away ends the sessions with a message; the server keeps running", async ({
  page,
}) => {
  test.setTimeout(150_000);
  await signIn(page);
  await openVmPage(page, pwGuest);
  await openVncConsole(page);
  const serial = await openRaw(await issue(pwGuest, "serial"), "\r");
  try {
    await run("bash", [lab.LAB_SCRIPT, "libvirtd", "stop"]);
    expect(await serial.closed).toEqual({
      code: 4502,
      reason: "Lost the connection to the VM's host",
    });
    await expectEnded(page, /Lost the connection to the VM's host/);
  } finally {
    await run("bash", [lab.LAB_SCRIPT, "libvirtd", "start"]);
  }
  await serverServes();
  await expect
    .poll(() =>
      auditRows().some(
        (r) => r.action === "console.vnc.close" && /\(code 4502\)/.test(r.detail ?? ""),
      ),
    )
    .toBe(true);
  // Once Virtdeck has reconnected to the host, Reconnect opens the screen again.
  await expect
    .poll(
      async () => {
        const reconnect = page.getByRole("button", { name: "Reconnect" });
        if (await reconnect.isVisible()) await reconnect.click();
        await page.waitForTimeout(2_000);
        return page.getByTestId("console-status").getAttribute("data-status");
      },
      { timeout: 90_000, intervals: [3_000] },
    )
    .toBe("connected");
  expect(server.output()).not.toContain(vncPassword);
});
