// Console benchmark (run as root inside the lab's namespace; see README "Consoles"):
//   scripts/lab.sh exec node --import tsx scripts/bench-consoles.ts [--seconds 5] [--samples 300]
// Against one fresh tiny guest: VNC throughput and round trips direct (TCP), through Virtdeck's
// console proxy and through websockify, all over loopback; then serial keystroke echo times.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import WebSocket from "ws";
import { readLabEnv } from "../tests/integration/support/lab-env";
import {
  type ByteLink,
  handshake,
  handshakeRoundTrips,
  pct,
  tcpLink,
  throughput,
  wsLink,
} from "./bench-consoles-rfb";

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const SECONDS = arg("seconds", 5);
const SAMPLES = arg("samples", 300);
const PORT = 3450;
const WSPROXY_PORT = 3451;
const BASE = `http://127.0.0.1:${PORT}`;
const lab = readLabEnv();
const guest = `vd-bench-${Date.now().toString(36)}`;
const sh = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: "utf8" }).trim();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function ensureWebsockify(): void {
  try {
    sh("sh", ["-c", "command -v websockify"]);
  } catch {
    console.log("installing websockify (apt)…");
    execFileSync("apt-get", ["install", "-y", "-q", "websockify"], { stdio: "inherit" });
  }
}

async function waitHttp(url: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await sleep(200);
  }
  throw new Error(`${url} did not answer`);
}

async function api(pathname: string, cookie: string, body?: unknown) {
  const res = await fetch(`${BASE}${pathname}`, {
    method: body ? "POST" : "GET",
    headers: { cookie, "content-type": "application/json" },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${pathname}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<Record<string, unknown>>;
}

async function measureVnc(label: string, open: () => Promise<ByteLink>) {
  const rtt = await handshakeRoundTrips(open, Math.ceil(SAMPLES / 3));
  const link = await open();
  const { width, height } = await handshake(link);
  const mbps = await throughput(link, width, height, SECONDS);
  link.close();
  return { label, mbps, p50: pct(rtt, 50), p95: pct(rtt, 95), screen: `${width}x${height}` };
}

async function serialEcho(url: string, cookie: string): Promise<number[]> {
  const ws = new WebSocket(url, { headers: { cookie } });
  let waiting: ((d: string) => void) | null = null;
  ws.on("message", (d, bin) => bin && waiting?.((d as Buffer).toString("latin1")));
  await new Promise((r) => ws.once("open", r));
  await sleep(1500);
  const out: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const ch = String.fromCharCode(97 + (i % 26));
    const t = performance.now();
    await new Promise<void>((resolve) => {
      waiting = (d) => d.includes(ch) && resolve();
      ws.send(Buffer.from(ch));
    });
    out.push(performance.now() - t);
    if (i % 40 === 39) ws.send(Buffer.from([0x15])); // ^U: clear the line
  }
  ws.close();
  return out;
}

async function main(): Promise<void> {
  ensureWebsockify();
  const dir = mkdtempSync(path.join(tmpdir(), "vd-bench-"));
  const procs: ReturnType<typeof spawn>[] = [];
  try {
    writeFileSync(`${dir}/g.xml`, sh("bash", [lab.LAB_SCRIPT, "guest-xml", guest]));
    sh("virsh", ["-q", "-c", lab.LAB_URI, "define", `${dir}/g.xml`]);
    sh("virsh", ["-q", "-c", lab.LAB_URI, "start", guest]);
    const vncPort =
      5900 + Number(sh("virsh", ["-q", "-c", lab.LAB_URI, "vncdisplay", guest]).split(":").pop());
    const server = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(PORT),
        HOST: "127.0.0.1",
        VIRTDECK_DATA_DIR: `${dir}/data`,
        VIRTDECK_ADMIN_PASSWORD: "bench-admin-password",
      },
      stdio: "ignore",
    });
    procs.push(server);
    procs.push(
      spawn("websockify", [`127.0.0.1:${WSPROXY_PORT}`, `127.0.0.1:${vncPort}`], {
        stdio: "ignore",
      }),
    );
    await waitHttp(`${BASE}/login`, 60_000);
    const login = await fetch(`${BASE}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "admin", password: "bench-admin-password" }),
    });
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    await api("/api/v1/hosts", cookie, { name: "bench", uri: lab.LAB_URI });
    let vmId = "";
    while (!vmId) {
      const { vms } = (await api("/api/v1/vms", cookie)) as {
        vms: { id: string; name: string; state: string }[];
      };
      vmId = vms.find((v) => v.name === guest && v.state === "running")?.id ?? "";
      await sleep(300);
    }
    await sleep(6000); // let the guest boot to its shell
    const ticketUrl = async (type: string) => {
      const t = (await api(`/api/v1/vms/${vmId}/consoles`, cookie, { type })) as {
        path: string;
        ticket: string;
      };
      return `ws://127.0.0.1:${PORT}${t.path}?ticket=${t.ticket}`;
    };
    const rows = [
      await measureVnc("direct TCP (baseline)", () => tcpLink(vncPort)),
      await measureVnc("Virtdeck /ws/consoles", async () =>
        wsLink(await ticketUrl("vnc"), undefined, { cookie }),
      ),
      await measureVnc("websockify", () => wsLink(`ws://127.0.0.1:${WSPROXY_PORT}/`, "binary")),
    ];
    const base = rows[0]!;
    console.log(
      `\nVNC, ${rows[0]?.screen} raw 32 bpp, ${SECONDS} s of full updates; ${SAMPLES} handshake round trips`,
    );
    console.log("| path | throughput MB/s | RTT p50 ms | RTT p95 ms | added p50 ms |");
    console.log("| --- | --- | --- | --- | --- |");
    for (const r of rows)
      console.log(
        `| ${r.label} | ${r.mbps.toFixed(1)} | ${r.p50.toFixed(3)} | ${r.p95.toFixed(3)} | ${(r.p50 - base.p50).toFixed(3)} |`,
      );
    const echo = await serialEcho(await ticketUrl("serial"), cookie);
    console.log(
      `\nSerial keystroke echo through Virtdeck (${SAMPLES} keys): p50 ${pct(echo, 50).toFixed(2)} ms, p95 ${pct(echo, 95).toFixed(2)} ms`,
    );
  } finally {
    for (const p of procs) p.kill("SIGTERM");
    await sleep(1000);
    try {
      sh("virsh", ["-q", "-c", lab.LAB_URI, "destroy", guest]);
    } catch {}
    try {
      sh("virsh", ["-q", "-c", lab.LAB_URI, "undefine", guest]);
    } catch {}
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
