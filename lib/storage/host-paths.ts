// Paths on a host compared as the host would resolve them: "/pool/../etc" is /etc, "/pool//a/"
// is /pool/a, and "/poolx" is not in "/pool". Pure (the unit tests and the XML check use it).
import path from "node:path";

/** The absolute path with `.` and `..` resolved and duplicate and trailing slashes dropped. */
export function normalizeHostPath(p: string): string {
  const normal = path.posix.normalize(p);
  return normal.length > 1 && normal.endsWith("/") ? normal.slice(0, -1) : normal;
}

/** Whether `p` lies below the directory `dir` (a relative path never does). */
export function isBelow(p: string, dir: string): boolean {
  if (!p.startsWith("/") || !dir.startsWith("/")) return false;
  const [child, parent] = [normalizeHostPath(p), normalizeHostPath(dir)];
  return child !== parent && child.startsWith(parent === "/" ? "/" : `${parent}/`);
}

/** `p` is `dir` itself or lies below it. */
export function isAtOrBelow(p: string, dir: string): boolean {
  return (p.startsWith("/") && normalizeHostPath(p) === normalizeHostPath(dir)) || isBelow(p, dir);
}
