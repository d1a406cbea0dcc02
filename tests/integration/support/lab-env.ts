// The KVM lab started by `scripts/lab.sh up`, as tests see it: the keys of
// /run/virtdeck-lab/env.json, checked, plus a guard that the test runs inside the lab's
// network namespace (host 2, the guests' network and their VNC ports only exist there, and
// an address like 10.250.0.2 must never be tried from the machine's own network).
import { readFileSync, statSync } from "node:fs";

export const LAB_ENV_JSON = "/run/virtdeck-lab/env.json";

const LAB_KEYS = [
  "LAB_NETNS",
  "LAB_URI",
  "LAB_SOCKET",
  "LAB_HOST1_NAME",
  "LAB_HOST1_ADDR",
  "LAB_HOST1_UUID",
  "LAB_GUEST_NAME",
  "LAB_GUEST_KERNEL",
  "LAB_GUEST_INITRD",
  "LAB_GUEST_ISO",
  "LAB_GUEST_LOG_DIR",
  "LAB_GUEST_SERIAL_LOG",
  "LAB_GUEST_PROMPT",
  "LAB_NETWORK",
  "LAB_BRIDGE",
  "LAB_NETWORK_CIDR",
  "LAB_NETWORK_GATEWAY",
  "LAB_NETNS2",
  "LAB_HOST2_NAME",
  "LAB_HOST2_ADDR",
  "LAB_HOST2_UUID",
  "LAB_HOST2_SOCKET",
  "LAB_HOST2_GUEST_LOG_DIR",
  "LAB_HOST2_URI",
  "LAB_HOST2_SSH_URI",
  "LAB_HOST2_MIGRATE_URI",
  "LAB_HOST2_TCP_URI",
  "LAB_HOST2_TLS_URI",
  "LAB_TLS_PKIPATH",
  "LAB_TLS_CA",
  "LAB_TLS_CLIENT_CERT",
  "LAB_TLS_CLIENT_KEY",
  "LAB_SSH_KEY",
  "LAB_KNOWN_HOSTS",
  "LAB_STATE_DIR",
  "LAB_SCRIPT",
] as const;

export type LabKey = (typeof LAB_KEYS)[number];
export type LabEnv = Readonly<Record<LabKey, string>>;

const NOT_UP =
  "The KVM lab is not up: start it with `npm run lab` (scripts/lab.sh up, as root) and run " +
  "the integration tests inside it: scripts/lab.sh exec npx vitest run " +
  "--project integration (npm test does both).";

/** Reads and checks the lab's env.json; throws a clear error when the lab is not up. */
export function readLabEnv(file = LAB_ENV_JSON): LabEnv {
  let raw: string;
  try {
    raw = readFileSync(file, "utf8");
  } catch {
    throw new Error(`${NOT_UP} (${file} is missing)`);
  }
  const data: unknown = JSON.parse(raw);
  if (typeof data !== "object" || data === null) throw new Error(`${file}: not a JSON object`);
  const record = data as Record<string, unknown>;
  const missing = LAB_KEYS.filter((k) => typeof record[k] !== "string" || record[k] === "");
  if (missing.length > 0) {
    throw new Error(`${file} lacks ${missing.join(", ")}: re-run scripts/lab.sh up`);
  }
  return Object.fromEntries(LAB_KEYS.map((k) => [k, record[k] as string])) as LabEnv;
}

/** Throws unless this process runs in the lab's network namespace. */
export function assertInLabNetns(lab: LabEnv): void {
  const nsFile = `/run/netns/${lab.LAB_NETNS}`;
  let lab1: ReturnType<typeof statSync>;
  try {
    lab1 = statSync(nsFile);
  } catch {
    throw new Error(`${NOT_UP} (${nsFile} is missing)`);
  }
  const self = statSync("/proc/self/ns/net");
  if (self.ino !== lab1.ino || self.dev !== lab1.dev) {
    throw new Error(
      `This test must run inside the lab (host 1's namespaces): scripts/lab.sh exec ...`,
    );
  }
}

/** The lab's env, after checking that this process runs inside the lab namespace. */
export function labEnv(): LabEnv {
  const lab = readLabEnv();
  assertInLabNetns(lab);
  return lab;
}
