// The lab host as virsh sees it, before and after the run: every domain (its state and its
// persistent XML), network (its net-list line and persistent XML), pool (its pool-list line and
// persistent XML without the sizes that move whenever a volume is written) and volume (its
// vol-list line), on both lab hosts, each reduced to a digest. Other test runs may share the
// lab, so the comparison is about objects that existed before the run (they must be exactly as
// they were) and about new objects carrying the fuzzer's marker (there must be none).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";

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

function snapshotHost(label: string, uri: string, into: LabSnapshot): void {
  for (const uuid of lines(virsh(uri, ["list", "--all", "--uuid"]))) {
    const name = virsh(uri, ["domname", uuid]);
    const state = virsh(uri, ["domstate", uuid]);
    const xml = virsh(uri, ["dumpxml", "--inactive", uuid]);
    into.set(`${label} domain ${name} (${uuid})`, digest(state, xml));
  }
  for (const line of lines(virsh(uri, ["net-list", "--all"]))) {
    const name = line.split(/\s+/)[0]!;
    into.set(
      `${label} network ${name}`,
      digest(line, virsh(uri, ["net-dumpxml", "--inactive", name])),
    );
  }
  for (const line of lines(virsh(uri, ["pool-list", "--all"]))) {
    const name = line.split(/\s+/)[0]!;
    const xml = virsh(uri, ["pool-dumpxml", "--inactive", name]).replace(
      /<(capacity|allocation|available)[^>]*>[^<]*<\/\1>/g,
      "",
    );
    into.set(`${label} pool ${name}`, digest(line, xml));
    if (!/\sactive\s/.test(` ${line} `)) continue;
    for (const vol of lines(virsh(uri, ["vol-list", "--pool", name])))
      into.set(`${label} volume ${name}/${vol.split(/\s+/)[0]}`, digest(vol));
  }
}

/** Both lab hosts, keyed "host1 domain vd-tiny (uuid)" and so on. */
export function snapshotLab(hosts: Record<string, string>): LabSnapshot {
  const snap: LabSnapshot = new Map();
  for (const [label, uri] of Object.entries(hosts)) snapshotHost(label, uri, snap);
  return snap;
}

export interface LabComparison {
  compared: number;
  changed: string[];
  vanished: string[];
  /** New objects named with the fuzzer's marker: would be the fuzzer's doing. */
  ours: string[];
  /** New objects without the marker: another run's (listed, not counted). */
  others: string[];
  unchanged: boolean;
}

export function compareLab(before: LabSnapshot, after: LabSnapshot): LabComparison {
  const changed = [...before]
    .filter(([k, v]) => after.has(k) && after.get(k) !== v)
    .map(([k]) => k);
  const vanished = [...before.keys()].filter((k) => !after.has(k));
  const appeared = [...after.keys()].filter((k) => !before.has(k));
  const ours = appeared.filter((k) => k.toLowerCase().includes(MARKER));
  const others = appeared.filter((k) => !k.toLowerCase().includes(MARKER));
  return {
    compared: before.size,
    changed,
    vanished,
    ours,
    others,
    unchanged: changed.length === 0 && vanished.length === 0 && ours.length === 0,
  };
}
