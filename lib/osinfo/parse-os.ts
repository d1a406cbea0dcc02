// Reads operating-system entries out of osinfo-db XML (the database behind libosinfo,
// virt-install and Cockpit): names, family, dates, recommended resources and firmware needs.
// Pure: the catalog (catalog.ts) finds the files and resolves what an entry inherits.
import { attr, child, children, parseXml, text, type XmlNode } from "@/lib/xml/parse";

export interface OsResources {
  vcpus?: number;
  ramBytes?: number;
  storageBytes?: number;
}

export interface OsinfoEntry {
  /** The libosinfo id, e.g. http://debian.org/debian/12: what goes into the domain metadata. */
  id: string;
  shortId: string;
  name: string;
  vendor: string;
  /** linux, winnt, freebsd, … */
  family: string;
  releaseDate: string | null;
  eolDate: string | null;
  /** The entry it derives from or clones, for resources it does not state itself. */
  parent: string | null;
  /** Recommended resources for x86_64 (else "all" arches), minimum where no recommendation. */
  resources: OsResources;
  /** x86_64 firmware: BIOS marked unsupported (Windows 11 needs UEFI). */
  uefiOnly: boolean;
}

/** The untranslated text of an element that repeats per language (xml:lang). */
function plain(node: XmlNode, name: string): string {
  const all = children(node, name);
  const untranslated = all.find((n) => attr(n, "xml:lang") === null) ?? all[0];
  return untranslated ? String(untranslated["#text"] ?? "").trim() : "";
}

function numberIn(node: XmlNode, name: string): number | undefined {
  const value = Number(text(node, name));
  return text(node, name) && Number.isFinite(value) && value > 0 ? value : undefined;
}

function resourcesOf(os: XmlNode): OsResources {
  const sets = children(os, "resources");
  const set =
    sets.find((r) => attr(r, "arch") === "x86_64") ?? sets.find((r) => attr(r, "arch") === "all");
  if (!set) return {};
  const pick = (field: string) =>
    numberIn(child(set, "recommended"), field) ?? numberIn(child(set, "minimum"), field);
  const out: OsResources = {};
  const vcpus = pick("n-cpus");
  const ramBytes = pick("ram");
  const storageBytes = pick("storage");
  if (vcpus) out.vcpus = vcpus;
  if (ramBytes) out.ramBytes = ramBytes;
  if (storageBytes) out.storageBytes = storageBytes;
  return out;
}

function uefiOnly(os: XmlNode): boolean {
  return children(os, "firmware").some(
    (f) =>
      attr(f, "arch") === "x86_64" &&
      attr(f, "type") === "bios" &&
      attr(f, "supported") === "false",
  );
}

/** Every <os> of one osinfo-db file. */
export function parseOsXml(xml: string): OsinfoEntry[] {
  const doc = child(parseXml(xml), "libosinfo");
  return children(doc, "os")
    .filter((os) => attr(os, "id"))
    .map((os) => ({
      id: attr(os, "id")!,
      shortId: plain(os, "short-id"),
      name: plain(os, "name"),
      vendor: plain(os, "vendor"),
      family: plain(os, "family"),
      releaseDate: plain(os, "release-date") || null,
      eolDate: plain(os, "eol-date") || null,
      parent: attr(child(os, "derives-from"), "id") ?? attr(child(os, "clones"), "id") ?? null,
      resources: resourcesOf(os),
      uefiOnly: uefiOnly(os),
    }));
}

/** Fills each entry's missing resources from its ancestors (derives-from / clones). */
export function inheritResources(entries: OsinfoEntry[]): OsinfoEntry[] {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const resolved = (e: OsinfoEntry, seen: Set<string>): OsResources => {
    const parent = e.parent ? byId.get(e.parent) : undefined;
    if (!parent || seen.has(parent.id)) return e.resources;
    seen.add(parent.id);
    return { ...resolved(parent, seen), ...e.resources };
  };
  return entries.map((e) => ({ ...e, resources: resolved(e, new Set([e.id])) }));
}
