// The verdict "lab host unchanged", from three witnesses: virsh's view, before and after, of the
// objects the fuzzer used; new objects carrying the fuzzer's marker; and the fuzzed server's
// audit log, where every change made through Virtdeck leaves a row. The rest of the lab is
// compared too and listed, but other runs change their own objects meanwhile, so it is not
// counted: if the fuzzed server had changed any of them, its audit log would say so.
import type { ServerChanges } from "./audit-check";
import {
  compareLab,
  type LabComparison,
  type LabSnapshot,
  MARKER,
  snapshotLab,
} from "./lab-snapshot";

export interface LabVerdict {
  unchanged: boolean;
  print(): void;
}

const WHAT =
  "each domain's state and dumpxml --inactive, each network's net-list line and net-dumpxml " +
  "--inactive, each pool's pool-list line and pool-dumpxml --inactive without its sizes, each " +
  "volume's vol-list line";

function findings(c: LabComparison, changes: ServerChanges, targetNames: string): string[] {
  const done = [...changes.counts].map(([a, n]) => `${a} ${n}`).join(", ");
  return [
    `  objects the fuzzer used (${targetNames}): ${c.targeted.compared} compared, ${c.targeted.changed.length} changed`,
    ...c.targeted.changed.map((k) => `    CHANGED: ${k}`),
    `  new objects named with the fuzzer's marker "${MARKER}": ${c.ours.length}`,
    ...c.ours.map((k) => `    NEW: ${k}`),
    `  the fuzzed server's audit log, successful changes beyond the fuzzer's set-up and console sessions: ${changes.unexpected.length} (all successful actions: ${done || "none"})`,
    ...changes.unexpected.slice(0, 10).map((u) => `    CHANGE: ${u}`),
    `  the rest of the lab (not counted, see above): ${c.others.compared} compared, ` +
      `${c.others.changed.length} changed or gone${c.others.changed.length ? ` (${c.others.changed.join(", ")})` : ""}, ` +
      `${c.others.appeared.length} new`,
  ];
}

/**
 * Compares the lab with `before`, and reads the verdict with the server's own `changes`. When
 * the lab was restarted meanwhile (`restarted`), virsh compares two different labs: the verdict
 * then rests on the audit log and the marker alone, and says so.
 */
export function checkLab(
  before: LabSnapshot,
  restarted: boolean,
  hosts: Record<string, string>,
  isTargeted: (key: string) => boolean,
  targetNames: string,
  changes: ServerChanges,
): LabVerdict {
  let c: LabComparison;
  try {
    c = compareLab(before, snapshotLab(hosts), isTargeted);
  } catch (e) {
    const why = (e as { stderr?: string }).stderr?.trim() || (e as Error).message;
    return {
      unchanged: false,
      print: () =>
        console.log(
          `\nLab check: virsh could not read the lab after the run, so it is unknown: ${why}`,
        ),
    };
  }
  const unchanged =
    c.targeted.changed.length === 0 && c.ours.length === 0 && changes.unexpected.length === 0;
  return {
    unchanged,
    print: () => {
      console.log(`\nLab check (virsh on both hosts, before and after: ${WHAT}):`);
      if (restarted)
        console.log(
          "  THE LAB WAS RESTARTED while the fuzzer ran (another run's scripts/lab.sh): virsh's " +
            "before and after are two labs, so the objects the fuzzer used are not counted below",
        );
      for (const line of findings(c, changes, targetNames)) console.log(line);
    },
  };
}
