// Reads what the storage pages show out of libvirt pool and volume XML.
import { attr, child, children, parseXml, text } from "./parse";

export interface ParsedPool {
  name: string;
  uuid: string;
  type: string;
  /** The target directory (dir, netfs, logical: /dev/VG). */
  path: string | null;
  /** Where the storage comes from: "server:/export", a device list, a VG name; null for dir. */
  source: string | null;
}

export interface ParsedVolume {
  name: string;
  path: string | null;
  format: string | null;
  backingPath: string | null;
  /** Bytes: the size the guest sees, and what the file holds. */
  capacity: number;
  allocation: number;
  /** The file's size on disk in bytes (what a download stream sends); null when not given. */
  physical: number | null;
}

export function parsePoolXml(xml: string): ParsedPool {
  const pool = child(parseXml(xml), "pool");
  const source = child(pool, "source");
  const host = attr(child(source, "host"), "name");
  const dir = attr(child(source, "dir"), "path");
  const devices = children(source, "device")
    .map((d) => attr(d, "path"))
    .filter((p): p is string => Boolean(p));
  const sourceName = text(source, "name");
  let sourceWord: string | null = null;
  if (host) sourceWord = `${host}:${dir ?? ""}`;
  else if (devices.length > 0) sourceWord = devices.join(", ");
  else if (sourceName) sourceWord = sourceName;
  else if (dir) sourceWord = dir;
  return {
    name: text(pool, "name") ?? "",
    uuid: text(pool, "uuid") ?? "",
    type: attr(pool, "type") ?? "",
    path: text(child(pool, "target"), "path"),
    source: sourceWord,
  };
}

export function parseVolumeXml(xml: string): ParsedVolume {
  const vol = child(parseXml(xml), "volume");
  const target = child(vol, "target");
  const backing = child(vol, "backingStore");
  return {
    name: text(vol, "name") ?? "",
    path: text(target, "path"),
    format: attr(child(target, "format"), "type"),
    backingPath: text(backing, "path"),
    capacity: Number(text(vol, "capacity") ?? 0),
    allocation: Number(text(vol, "allocation") ?? 0),
    physical: text(vol, "physical") === null ? null : Number(text(vol, "physical")),
  };
}

/** The pool types a host's storage driver supports, from `virsh pool-capabilities` XML. */
export function parsePoolTypes(xml: string): string[] {
  const caps = child(parseXml(xml), "storagepoolCapabilities");
  return children(caps, "pool")
    .filter((p) => attr(p, "supported") === "yes")
    .map((p) => attr(p, "type") ?? "")
    .filter(Boolean);
}
