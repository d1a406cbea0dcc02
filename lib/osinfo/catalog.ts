// The operating systems of the osinfo-db on the machine running Virtdeck (Debian's osinfo-db
// package, the data virt-install and Cockpit use), when it is installed: optional, read once.
// Without it the create-VM wizard offers its three presets only. Server code only (node:fs).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { inheritResources, type OsinfoEntry, parseOsXml } from "./parse-os";

/** Where osinfo-db installs; OSINFO_SYSTEM_DIR overrides it, as for libosinfo itself. */
export function osinfoDir(): string {
  return process.env.OSINFO_SYSTEM_DIR || "/usr/share/osinfo";
}

/** os/<vendor>/<os>.xml; the <os>.d directories beside them only add drivers to an entry. */
function xmlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name.endsWith(".d") ? [] : xmlFiles(full);
    return name.endsWith(".xml") ? [full] : [];
  });
}

/** Reads and resolves every OS entry; a file that does not parse is skipped, not fatal. */
export function readOsinfo(dir = osinfoDir()): OsinfoEntry[] {
  const entries = xmlFiles(path.join(dir, "os")).flatMap((file) => {
    try {
      return parseOsXml(readFileSync(file, "utf8"));
    } catch {
      return [];
    }
  });
  return inheritResources(entries).sort(
    (a, b) =>
      a.vendor.localeCompare(b.vendor) || b.id.localeCompare(a.id, undefined, { numeric: true }),
  );
}

const KEY = Symbol.for("virtdeck.osinfo");
const store = globalThis as unknown as Record<symbol, OsinfoEntry[] | undefined>;

/** The catalog, read on first use and kept for the life of the process. */
export function osinfoCatalog(): OsinfoEntry[] {
  store[KEY] ??= readOsinfo();
  return store[KEY];
}

export function findOs(id: string): OsinfoEntry | undefined {
  return osinfoCatalog().find((e) => e.id === id);
}
