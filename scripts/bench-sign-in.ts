/**
 * Sign-in under a brute-force attack, against a real server (production build, fresh data dir):
 * one client at 127.0.0.2 sends wrong passwords for admin at a steady rate, while admin signs
 * in from 127.0.0.3 every few seconds. Prints how long admin's sign-ins take next to the same
 * sign-ins on the idle server in the same run, and what the attacker got back.
 *
 *   npx next build && npx tsx scripts/bench-sign-in.ts [--attempts 1000] [--seconds 60]
 *
 * Loopback only: Linux lets a client bind any 127.0.0.0/8 source address, so the two clients
 * are two real addresses to the server, with no proxy headers involved.
 */
import http from "node:http";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ADMIN_PASSWORD, startServer } from "./bench/api";
import { fmtMs, msSince, sleep, summarize } from "./bench/stats";

process.chdir(fileURLToPath(new URL("..", import.meta.url)));
const { values } = parseArgs({
  options: {
    attempts: { type: "string", default: "1000" },
    seconds: { type: "string", default: "60" },
  },
});
const attempts = Number(values.attempts);
const seconds = Number(values.seconds);
const TARGET_MS = 2000;

function signIn(baseUrl: string, from: string, password: string): Promise<number> {
  const url = new URL("/api/v1/auth/login", baseUrl);
  const body = JSON.stringify({ username: "admin", password });
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        localAddress: from,
        agent: false,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function timedAdminSignIn(baseUrl: string): Promise<number> {
  const t0 = process.hrtime.bigint();
  const status = await signIn(baseUrl, "127.0.0.3", ADMIN_PASSWORD);
  if (status !== 200) throw new Error(`admin's sign-in answered ${status}`);
  return msSince(t0);
}

const server = await startServer();
try {
  await timedAdminSignIn(server.baseUrl); // warm-up: the first request loads the route
  const idle: number[] = [];
  for (let i = 0; i < 5; i++) idle.push(await timedAdminSignIn(server.baseUrl));

  const statuses = new Map<number, number>();
  const attack = (async () => {
    const gap = (seconds * 1000) / attempts;
    const pending: Promise<void>[] = [];
    const t0 = Date.now();
    for (let i = 0; i < attempts; i++) {
      pending.push(
        signIn(server.baseUrl, "127.0.0.2", `wrong-${i}`).then(
          (s) => void statuses.set(s, (statuses.get(s) ?? 0) + 1),
          () => void statuses.set(0, (statuses.get(0) ?? 0) + 1),
        ),
      );
      const due = t0 + (i + 1) * gap;
      if (due > Date.now()) await sleep(due - Date.now());
    }
    await Promise.all(pending);
  })();
  const underAttack: number[] = [];
  const started = Date.now();
  await sleep(1000); // the attacker is past its free attempts and being throttled
  while (Date.now() - started < seconds * 1000 - 2000) {
    underAttack.push(await timedAdminSignIn(server.baseUrl));
    await sleep(3000);
  }
  await attack;

  const a = summarize(underAttack);
  const b = summarize(idle);
  const count = (s: number) => statuses.get(s) ?? 0;
  console.log(
    `\nSign-in under attack: ${attempts} wrong passwords for admin from 127.0.0.2 in ${seconds} s`,
  );
  console.log(
    `  attacker's answers: ${count(401)} × 401 (password checked), ${count(429)} × 429 (throttled before hashing), ${count(0)} failed to connect, ${[...statuses.keys()].filter((s) => ![0, 401, 429].includes(s)).length} other statuses`,
  );
  console.log(
    `  admin from 127.0.0.3, idle server:   p50 ${fmtMs(b.p50)}, max ${fmtMs(b.max)} (n=${b.n})`,
  );
  console.log(
    `  admin from 127.0.0.3, under attack:  p50 ${fmtMs(a.p50)}, max ${fmtMs(a.max)} (n=${a.n}): ${(a.p50 / b.p50).toFixed(2)}× idle`,
  );
  console.log(
    `  target: admin signs in within ${TARGET_MS} ms under attack: ${a.max < TARGET_MS ? "met" : "MISSED"}`,
  );
  if (a.max >= TARGET_MS) process.exitCode = 1;
} finally {
  await server.stop();
}
