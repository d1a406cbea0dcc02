// The lab host as virsh sees it, before and after the run: every domain (its state and its
// persistent XML), network (its net-list line and persistent XML), pool (its pool-list line and
// persistent XML without the sizes that move whenever a volume is written) and volume (its
// vol-list line), on both lab hosts, each reduced to a digest. Other test runs share the lab
// and change their own objects (and the lab's network) meanwhile, so the strict part is about
// the objects the fuzzer used (unchanged) and new objects with the fuzzer's marker (none).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

export const MARKER = "vdfuzz";

export type LabSnapshot = Map<string, string>;

function virsh(uri: string, args: string[]): string {
  return execFileSync("virsh", ["-q", "-c", uri, ...args], { encoding: "utf8" }).trim();
}

const lines = (s: string) =>
  s
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
const digest = (...parts: string[]) =>
  createHash("sha256").update(parts.join("\0")).digest("hex").slice(0, 16);

/** Runs `read`; an object another run removed between the listing and the read is skipped. */
function ifStillThere(read: () => void): void {
  try {
    read();
  } catch {}
}

function snapshotHost(label: string, uri: string, into: LabSnapshot): void {
  for (const uuid of lines(virsh(uri, ["list", "--all", "--uuid"])))
    ifStillThere(() => {
      const name = virsh(uri, ["domname", uuid]);
      const state = virsh(uri, ["domstate", uuid]);
      const xml = virsh(uri, ["dumpxml", "--inactive", uuid]);
      into.set(`${label} domain ${name} (${uuid})`, digest(state, xml));
    });
  for (const line of lines(virsh(uri, ["net-list", "--all"]))) {
    const name = line.split(/\s+/)[0]!;
    ifStillThere(() =>
      into.set(
        `${label} network ${name}`,
        digest(line, virsh(uri, ["net-dumpxml", "--inactive", name])),
      ),
    );
  }
  for (const line of lines(virsh(uri, ["pool-list", "--all"]))) {
    const name = line.split(/\s+/)[0]!;
    ifStillThere(() => {
      const xml = virsh(uri, ["pool-dumpxml", "--inactive", name]).replace(
        /<(capacity|allocation|available)[^>]*>[^<]*<\/\1>/g,
        "",
      );
      into.set(`${label} pool ${name}`, digest(line, xml));
      if (!/\sactive\s/.test(` ${line} `)) return;
      for (const vol of lines(virsh(uri, ["vol-list", "--pool", name])))
        into.set(`${label} volume ${name}/${vol.split(/\s+/)[0]}`, digest(vol));
    });
  }
}

/**
 * Which lab this is: when scripts/lab.sh up (or a restart of a host) runs meanwhile, env.json
 * or the pid files under the lab's state directory change, and before and after are then two
 * different labs.
 */
export function labEpoch(stateDir: string): string {
  const pids = path.join(stateDir, "pids");
  let files: string[] = [];
  try {
    files = readdirSync(pids).sort();
  } catch {}
  const parts = files.map((f) => `${f}=${readFileSync(path.join(pids, f), "utf8").trim()}`);
  return [statSync(path.join(stateDir, "env.json")).mtimeMs, ...parts].join(" ");
}

/** Both lab hosts, keyed "host1 domain vd-tiny (uuid)" and so on. */
export function snapshotLab(hosts: Record<string, string>): LabSnapshot {
  const snap: LabSnapshot = new Map();
  for (const [label, uri] of Object.entries(hosts)) snapshotHost(label, uri, snap);
  return snap;
}

export interface LabComparison {
  /** The objects the fuzzer used (the guest whose consoles it opened). */
  targeted: { compared: number; changed: string[] };
  /** New objects named with the fuzzer's marker: would be the fuzzer's doing. */
  ours: string[];
  /** Other runs' objects that changed, vanished or appeared meanwhile (listed, not counted). */
  others: { compared: number; changed: string[]; appeared: string[] };
  /** Set when the lab could not be read after the run (the check then fails). */
  error?: string;
}

/**
 * Compares the snapshots. `isTargeted` picks the objects the fuzzer used: they must be exactly
 * as they were (a missing one counts as changed). Whether anything else was touched by the
 * fuzzed server is for its audit log to say (see audit-check.ts): other runs change their own
 * objects, and the lab's network (static DHCP hosts), at any time.
 */
export function compareLab(
  before: LabSnapshot,
  after: LabSnapshot,
  isTargeted: (key: string) => boolean,
): LabComparison {
  const keys = [...before.keys()];
  const differs = (k: string) => after.get(k) !== before.get(k);
  const targeted = keys.filter(isTargeted);
  const others = keys.filter((k) => !isTargeted(k));
  const appeared = [...after.keys()].filter((k) => !before.has(k));
  const ours = appeared.filter((k) => k.toLowerCase().includes(MARKER));
  return {
    targeted: { compared: targeted.length, changed: targeted.filter(differs) },
    ours,
    others: {
      compared: others.length,
      changed: others.filter(differs),
      appeared: appeared.filter((k) => !ours.includes(k)),
    },
  };
}
