// A Virtdeck server for benchmarks (production build, fresh data dir) and a small cookie-auth
// JSON client over one keep-alive connection (loopback only).
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import zlib from "node:zlib";

export const ADMIN_PASSWORD = "bench-admin-password-1";

/** A port the kernel says is free right now on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export interface BenchServer {
  baseUrl: string;
  /** The server process (node itself: its RSS is the server's). */
  pid: number;
  /** The exit code or signal once the process has ended, else null. */
  exited: () => number | string | null;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts `node --import tsx server.ts` (NODE_ENV=production) on `port` (default: a free one)
 * with a fresh data dir, as e2e/support/spawn-server.ts does. `inspectPort` opens Node's
 * inspector on 127.0.0.1 (to force a garbage collection before reading memory).
 */
export async function startServer(
  opts: { port?: number; inspectPort?: number } = {},
): Promise<BenchServer> {
  const buildDir = process.env.VIRTDECK_NEXT_DIR || ".next";
  if (!existsSync(`${buildDir}/BUILD_ID`))
    throw new Error(`No production build (${buildDir}/BUILD_ID): run \`npx next build\` first`);
  const port = opts.port ?? (await freePort());
  const dataDir = mkdtempSync(path.join(tmpdir(), "virtdeck-bench-data-"));
  const inspect = opts.inspectPort ? [`--inspect=127.0.0.1:${opts.inspectPort}`] : [];
  const args = [...inspect, "--import", "tsx", "server.ts"];
  const child: ChildProcess = spawn(process.execPath, args, {
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      HOST: "127.0.0.1",
      VIRTDECK_DATA_DIR: dataDir,
      VIRTDECK_ADMIN_PASSWORD: ADMIN_PASSWORD,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      const kill = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(kill);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  // Not just "listening on": the inspector announces itself with those words too.
  while (!output.includes("Virtdeck listening on")) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`server did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    exited: () => child.exitCode ?? child.signalCode,
    output: () => output,
    stop,
  };
}

export interface ApiResponse {
  status: number;
  body: string;
  /** Bytes on the wire (compressed when the server compressed), and the encoding. */
  wireBytes: number;
  encoding: string | null;
}

export class ApiClient {
  cookie = "";
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  constructor(readonly baseUrl: string) {}

  /** One request, read to the end; gzip/br accepted like a browser, decoded here. */
  request(method: string, path: string, json?: unknown, timeoutMs = 30_000): Promise<ApiResponse> {
    const payload = json === undefined ? undefined : JSON.stringify(json);
    return new Promise((resolve, reject) => {
      const req = http.request(
        `${this.baseUrl}${path}`,
        {
          method,
          agent: this.agent,
          timeout: timeoutMs,
          headers: {
            "accept-encoding": "gzip, br",
            origin: this.baseUrl,
            ...(this.cookie ? { cookie: this.cookie } : {}),
            ...(payload ? { "content-type": "application/json" } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("error", reject);
          res.on("end", () => {
            const raw = Buffer.concat(chunks);
            const encoding = res.headers["content-encoding"] ?? null;
            const body =
              encoding === "gzip"
                ? zlib.gunzipSync(raw)
                : encoding === "br"
                  ? zlib.brotliDecompressSync(raw)
                  : raw;
            const setCookie = res.headers["set-cookie"];
            if (setCookie) this.cookie = setCookie.map((c) => c.split(";")[0]).join("; ");
            resolve({
              status: res.statusCode ?? 0,
              body: body.toString(),
              wireBytes: raw.length,
              encoding,
            });
          });
        },
      );
      req.on("timeout", () =>
        req.destroy(new Error(`${method} ${path}: no answer in ${timeoutMs} ms`)),
      );
      req.on("error", reject);
      req.end(payload);
    });
  }

  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.request(method, path, body);
    if (res.status >= 300)
      throw new Error(`${method} ${path}: ${res.status} ${res.body.slice(0, 300)}`);
    return JSON.parse(res.body) as T;
  }

  async signIn(password = ADMIN_PASSWORD): Promise<void> {
    await this.json("POST", "/api/v1/auth/login", { username: "admin", password });
  }

  async addHost(name: string, uri: string): Promise<string> {
    return (await this.json<{ host: { id: string } }>("POST", "/api/v1/hosts", { name, uri })).host
      .id;
  }

  close(): void {
    this.agent.destroy();
  }
}
