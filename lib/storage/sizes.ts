// Sizes as operators type them ("20G", "512 MiB", "1.5 TiB", plain bytes) and as pages show them.
// Binary units throughout, as virsh and virt-manager use them.

const UNITS: Record<string, number> = {
  "": 1,
  B: 1,
  K: 2 ** 10,
  KIB: 2 ** 10,
  M: 2 ** 20,
  MIB: 2 ** 20,
  G: 2 ** 30,
  GIB: 2 ** 30,
  T: 2 ** 40,
  TIB: 2 ** 40,
};

/** Above this libvirt's byte counts stop being safe JavaScript numbers (see lib/libvirt). */
export const MAX_SIZE_BYTES = 2 ** 53 - 1;

/** "20G" → 21474836480; null when it is not a positive size with a known unit. */
export function parseSize(input: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*$/.exec(input);
  if (!m) return null;
  const factor = UNITS[m[2]!.toUpperCase()];
  if (factor === undefined) return null;
  const bytes = Math.round(Number(m[1]) * factor);
  if (!Number.isFinite(bytes) || bytes <= 0 || bytes > MAX_SIZE_BYTES) return null;
  return bytes;
}

/** 21474836480 → "20 GiB"; 1536 → "1.5 KiB"; 0 → "0 B". */
export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 2 : 1);
  return `${shown} ${units[unit]}`;
}
