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

/**
 * A browser's user agent in a few words ("Chrome 131 on Linux", "Firefox 128 on Windows",
 * "curl 7.88"), for lists of sessions; the whole string belongs in a title.
 */
export function describeUserAgent(ua: string | null): string {
  if (!ua) return "unknown";
  const product = (name: string, re: RegExp) => {
    const v = re.exec(ua)?.[1];
    return v ? `${name} ${v}` : null;
  };
  const os = /Windows/.test(ua)
    ? "Windows"
    : /iPhone|iPad/.test(ua)
      ? "iOS"
      : /Mac OS X|Macintosh/.test(ua)
        ? "macOS"
        : /Android/.test(ua)
          ? "Android"
          : /Linux|X11/.test(ua)
            ? "Linux"
            : null;
  const browser =
    product("Edge", /Edg\/(\d+)/) ??
    product("Firefox", /Firefox\/(\d+)/) ??
    product("Chrome", /(?:Chrome|Chromium)\/(\d+)/) ??
    (/Safari\//.test(ua) ? product("Safari", /Version\/(\d+)/) : null);
  if (browser) return os ? `${browser} on ${os}` : browser;
  // A script: its first product token ("curl/7.88.1" → "curl 7.88.1").
  const tool = /^([\w.-]+)\/([\w.]+)/.exec(ua);
  return tool ? `${tool[1]} ${tool[2]}` : ua.slice(0, 40);
}

/** A size in bytes, binary units with at most three figures: 1536 → "1.5 KiB". */
export function formatSize(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown =
    value >= 100 || Number.isInteger(value) || (unit === 0 && value >= 10)
      ? value.toFixed(0)
      : value.toFixed(1);
  return `${shown} ${units[unit]}`;
}

/** A rate in bytes per second, as the usage columns and graphs show it: "1.5 MiB/s". */
export function formatRate(bytesPerSecond: number): string {
  return `${formatSize(bytesPerSecond)}/s`;
}
