// Counts outcomes by name and keeps a few samples of each failure, so the report can show both
// the breakdown and what went wrong (with the case number to replay it).

export class Tally {
  readonly counts = new Map<string, number>();
  readonly samples = new Map<string, string[]>();

  add(outcome: string, n = 1): void {
    this.counts.set(outcome, (this.counts.get(outcome) ?? 0) + n);
  }

  /** Counts a failure and keeps up to `keep` samples of it. */
  fail(outcome: string, sample: string, keep = 5): void {
    this.add(outcome);
    const list = this.samples.get(outcome) ?? [];
    if (list.length < keep) list.push(sample.slice(0, 400));
    this.samples.set(outcome, list);
  }

  get(outcome: string): number {
    return this.counts.get(outcome) ?? 0;
  }

  /** The sum of the outcomes whose name starts with `prefix`. */
  sum(prefix = ""): number {
    let n = 0;
    for (const [k, v] of this.counts) if (k.startsWith(prefix)) n += v;
    return n;
  }

  /** "name 12, other 3" in descending order. */
  breakdown(prefix = ""): string {
    return [...this.counts]
      .filter(([k]) => k.startsWith(prefix))
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k.slice(prefix.length)} ${v.toLocaleString("en-US")}`)
      .join(", ");
  }
}

/** The class of an error as the fuzzer reports it: its name, and a ConnectionError's kind. */
export function errorLabel(e: unknown): string {
  if (!(e instanceof Error)) return `non-Error ${typeof e}`;
  const kind = (e as { kind?: unknown }).kind;
  return typeof kind === "string" ? `${e.name}(${kind})` : e.name;
}
