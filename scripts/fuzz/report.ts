// The fuzz run's final report: one table of figures beside their targets, the breakdowns, and
// samples of every failure. A row whose figure misses its target fails the run.
import type { Tally } from "./tally";

export interface Row {
  what: string;
  figure: string;
  target: string;
  ok: boolean | null; // null: a figure shown for information, no target
}

const fmt = (n: number) => n.toLocaleString("en-US");

export function atLeast(what: string, n: number, target: number): Row {
  return { what, figure: fmt(n), target: `≥ ${fmt(target)}`, ok: n >= target };
}

export function none(what: string, n: number): Row {
  return { what, figure: fmt(n), target: "0", ok: n === 0 };
}

export function info(what: string, figure: string): Row {
  return { what, figure, target: "", ok: null };
}

export function printTable(rows: Row[]): void {
  const w = [
    Math.max(...rows.map((r) => r.what.length)),
    Math.max(...rows.map((r) => r.figure.length)),
    Math.max(...rows.map((r) => r.target.length)),
  ];
  const line = (a: string, b: string, c: string, d: string) =>
    `${a.padEnd(w[0]!)}  ${b.padStart(w[1]!)}  ${c.padEnd(w[2]!)}  ${d}`;
  console.log(line("", "figure", "target", "result"));
  for (const r of rows)
    console.log(line(r.what, r.figure, r.target, r.ok === null ? "" : r.ok ? "ok" : "FAIL"));
}

/** The outcome counts of a part, and up to five samples of each failure. */
export function printDetails(title: string, tally: Tally): void {
  console.log(`\n${title}: ${tally.breakdown() || "nothing counted"}`);
  for (const [outcome, samples] of tally.samples) {
    console.log(`  ${outcome} (${fmt(tally.get(outcome))}), for example:`);
    for (const s of samples) console.log(`    - ${s}`);
  }
}
