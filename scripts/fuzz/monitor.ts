// Watches the server while it is fuzzed: its resident memory (VmRSS of the process, sampled
// every second) and whether it still answers: a signed-in GET every 500 ms, each on a fresh
// connection, that must be answered 200 within 2 s, else it counts as a hang.
import { readFileSync } from "node:fs";
import http from "node:http";

const PROBE_EVERY_MS = 500;
const PROBE_LIMIT_MS = 2_000;

/** The resident set of process `pid` in MiB (0 once it is gone). */
export function rssMiB(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return 0;
  }
}

export interface Monitor {
  /** Probes that got no 200 within the limit, with when and why. */
  slowProbes: string[];
  probes: number;
  slowestProbeMs: number;
  peakRssMiB: number;
  /** RSS in MiB, one sample a second. */
  rssSamples: number[];
  /** What the fuzzer is doing now (named in the records of slow probes). */
  phase: string;
  stop(): void;
}

/** Starts the probes against `url` (GET with `headers`) and the RSS sampling of `pid`. */
export function watch(pid: number, url: string, headers: Record<string, string>): Monitor {
  const m: Monitor = {
    slowProbes: [],
    probes: 0,
    slowestProbeMs: 0,
    peakRssMiB: rssMiB(pid),
    rssSamples: [],
    phase: "",
    stop: () => {
      clearInterval(sampler);
      clearTimeout(timer);
      stopped = true;
    },
  };
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const sampler = setInterval(() => {
    const rss = rssMiB(pid);
    m.rssSamples.push(rss);
    m.peakRssMiB = Math.max(m.peakRssMiB, rss);
  }, 1_000);
  const probe = () => {
    if (stopped) return;
    const started = Date.now();
    const done = (problem: string | null) => {
      const ms = Date.now() - started;
      m.probes++;
      m.slowestProbeMs = Math.max(m.slowestProbeMs, ms);
      if (problem)
        m.slowProbes.push(`${new Date().toISOString()} (${m.phase}): ${problem} (${ms} ms)`);
      timer = setTimeout(probe, PROBE_EVERY_MS);
    };
    // A fresh connection each time: a reused one the server just closed would look like a hang.
    const req = http.get(url, { agent: false, headers, timeout: PROBE_LIMIT_MS }, (res) => {
      res.resume();
      res.on("end", () =>
        done(
          res.statusCode !== 200
            ? `answered ${res.statusCode}`
            : Date.now() - started > PROBE_LIMIT_MS
              ? "answered too late"
              : null,
        ),
      );
    });
    req.on("timeout", () => req.destroy(new Error(`no answer within ${PROBE_LIMIT_MS} ms`)));
    req.on("error", (e) => done(e.message));
  };
  probe();
  return m;
}
