// One XML parser configuration for libvirt documents: attributes under "@", elements that can
// repeat always parsed as arrays, no entity expansion beyond XML's own.
import { XMLParser } from "fast-xml-parser";

const REPEATING = new Set([
  "disk",
  "interface",
  "graphics",
  "serial",
  "console",
  "ip",
  "host",
  "range",
  "bridge",
  "forward",
  "volume",
  "snapshot",
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  // Also decodes character references (&#98; is "b"), as libvirt's libxml2 does: without it
  // type='&#98;lock' would read as something else here than on the host. (The HTML names it
  // adds are not XML: libvirt refuses a document that uses them.)
  htmlEntities: true,
  isArray: (name) => REPEATING.has(name),
});

export type XmlNode = Record<string, unknown>;

export function parseXml(xml: string): XmlNode {
  return parser.parse(xml) as XmlNode;
}

/** A child element as an object ({} when absent or text-only). */
export function child(node: unknown, name: string): XmlNode {
  const value = (node as XmlNode | undefined)?.[name];
  if (Array.isArray(value)) return (value[0] as XmlNode) ?? {};
  return value && typeof value === "object" ? (value as XmlNode) : {};
}

/** Repeated child elements as an array. */
export function children(node: unknown, name: string): XmlNode[] {
  const value = (node as XmlNode | undefined)?.[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((v) =>
    typeof v === "object" && v ? (v as XmlNode) : { "#text": v },
  );
}

/** An attribute's value, or null. */
export function attr(node: unknown, name: string): string | null {
  const value = (node as XmlNode | undefined)?.[`@${name}`];
  return value === undefined || value === null ? null : String(value);
}

/** An element's text, or null (works for `<x>t</x>` and `<x unit="KiB">t</x>`). */
export function text(node: unknown, name: string): string | null {
  const value = (node as XmlNode | undefined)?.[name];
  if (value === undefined || value === null) return null;
  if (typeof value === "object") {
    const t = (value as XmlNode)["#text"];
    return t === undefined ? null : String(t);
  }
  return String(value);
}
