// What an XML save changed, for its audit row: the changed lines of the persistent XML before
// and after ("-" old, "+" new), indentation ignored, at most about 1,500 characters. Graphics
// passwords (passwd='…') are masked before anything is compared, so no secret reaches the audit
// log; that one changed is said in words. Pure.

const LIMIT = 1_500;
/** Past this many line pairs (a 1,000-line rewrite) the changed middle is listed whole. */
const MAX_CELLS = 1_000_000;
const PASSWD = /\bpasswd\s*=\s*("[^"]*"|'[^']*')/g;

function lines(xml: string): string[] {
  return xml
    .replace(PASSWD, "passwd='***'")
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
}

/** The edit script between a and b as "-line" and "+line", by longest common subsequence. */
function changedLines(a: string[], b: string[]): string[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let [endA, endB] = [a.length, b.length];
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1])
    [endA, endB] = [endA - 1, endB - 1];
  const [x, y] = [a.slice(start, endA), b.slice(start, endB)];
  if (x.length * y.length > MAX_CELLS) return [...x.map((l) => `-${l}`), ...y.map((l) => `+${l}`)];
  const width = y.length + 1;
  const common = new Uint32Array((x.length + 1) * width);
  const at = (i: number, j: number) => common[i * width + j] ?? 0;
  for (let i = x.length - 1; i >= 0; i--)
    for (let j = y.length - 1; j >= 0; j--)
      common[i * width + j] =
        x[i] === y[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
  const out: string[] = [];
  let [i, j] = [0, 0];
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) [i, j] = [i + 1, j + 1];
    else if (j >= y.length || (i < x.length && at(i + 1, j) >= at(i, j + 1)))
      out.push(`-${x[i++]}`);
    else out.push(`+${y[j++]}`);
  }
  return out;
}

/** The compact diff of two domain XML documents ("no change" when only layout differs). */
export function domainXmlDiff(before: string, after: string): string {
  const changed = changedLines(lines(before), lines(after));
  const passwords = (xml: string) => [...xml.matchAll(PASSWD)].map((m) => m[1]).join("\n");
  if (passwords(before) !== passwords(after)) changed.push("a graphics password changed");
  if (changed.length === 0) return "no change";
  const shown: string[] = [];
  let length = 0;
  for (const line of changed) {
    if (length + line.length + 1 > LIMIT) break;
    shown.push(line);
    length += line.length + 1;
  }
  const left = changed.length - shown.length;
  return left > 0 ? `${shown.join("\n")}\n… and ${left} more changed lines` : shown.join("\n");
}
