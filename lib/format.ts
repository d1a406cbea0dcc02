/** 131072 KiB → "128 MiB"; 2097152 → "2 GiB" (binary units, as virsh and virt-manager show them). */
export function formatKiB(kib: number): string {
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let value = kib;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}

/** Seconds → "3d 4h", "2h 5m", "45s". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m ${s % 60}s`;
  return `${s}s`;
}

/** An ISO time as "2026-12-01 20:05:07" in UTC (the same for every viewer, as logs show it). */
export function formatUtc(iso: string): string {
  return iso.slice(0, 19).replace("T", " ");
}
