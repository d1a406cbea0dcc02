// What a domain's XML reaches past libvirt's own objects into the host: raw QEMU settings, host
// devices, confinement turned off or chosen, block devices, and files or directories that are
// not in any of the host's storage pools. Each is a reason, in words, why saving the XML needs
// Sys.Modify on / (VM.Config.XML alone is about the VM). Pure.
//
// It must see what libvirt sees: namespaces are matched by URI (libvirt's XPath does), every
// <devices> block and every <domain> root is read (libvirt refuses the extra ones, but a check
// that stops at the first could miss what the host reads), and nested sources (backing stores)
// are paths too.
import { isBelow, normalizeHostPath } from "@/lib/storage/host-paths";
import { attr, child, children, parseXml, type XmlNode } from "@/lib/xml/parse";

const QEMU_NS = "http://libvirt.org/schemas/domain/qemu/1.0";

const QEMU_WORDS: Record<string, string> = {
  commandline: "passes raw QEMU arguments",
  capabilities: "adds or removes QEMU capabilities",
  override: "overrides QEMU's device properties",
  deprecation: "changes how QEMU treats deprecated features",
};

/** The outermost elements in the QEMU namespace, by local name, in document order. */
function qemuElements(node: unknown, scope: ReadonlyMap<string, string>, found: string[]): void {
  if (!node || typeof node !== "object") return;
  for (const [key, value] of Object.entries(node as XmlNode)) {
    if (key.startsWith("@") || key.startsWith("?") || key === "#text") continue;
    const colon = key.indexOf(":");
    const [prefix, local] = colon > 0 ? [key.slice(0, colon), key.slice(colon + 1)] : ["", key];
    for (const element of Array.isArray(value) ? value : [value]) {
      const inner = new Map(scope);
      if (element && typeof element === "object")
        for (const [name, uri] of Object.entries(element as XmlNode))
          if (name === "@xmlns") inner.set("", String(uri));
          else if (name.startsWith("@xmlns:")) inner.set(name.slice(7), String(uri));
      if (inner.get(prefix) === QEMU_NS) found.push(local);
      else qemuElements(element, inner, found);
    }
  }
}

/** Every <source> below `node` (a disk's own, its backing stores', their data stores'). */
function sourcesBelow(node: XmlNode): XmlNode[] {
  return Object.keys(node).flatMap((key) => {
    if (key.startsWith("@") || key === "#text") return [];
    const elements = children(node, key);
    return [...(key === "source" ? elements : []), ...elements.flatMap(sourcesBelow)];
  });
}

/** Reasons for one disk or filesystem's sources: block devices, paths outside the pools. */
function sourceReasons(what: string, sources: XmlNode[], pools: readonly string[]): string[] {
  return sources.flatMap((source) => {
    const out: string[] = [];
    const dev = attr(source, "dev");
    if (dev) out.push(`${what}'s source ${dev} is a host block device`);
    for (const p of [attr(source, "file"), attr(source, "dir")])
      if (p && !pools.some((pool) => isBelow(p, pool)))
        out.push(`${what}'s source ${normalizeHostPath(p)} is not in any of the host's pools`);
    return out;
  });
}

function diskReasons(disk: XmlNode, pools: readonly string[]): string[] {
  const what = `disk ${attr(child(disk, "target"), "dev") ?? "(no target)"}`;
  const type = attr(disk, "type") ?? "file";
  if (type === "nvme") return [`${what} passes a host NVMe device through`];
  const sources = sourcesBelow(disk);
  const reasons = sourceReasons(what, sources, pools);
  if (type === "block" && !sources.some((s) => attr(s, "dev")))
    reasons.push(`${what} is a host block device`);
  return reasons;
}

function filesystemReasons(fs: XmlNode, pools: readonly string[]): string[] {
  const what = `filesystem ${attr(child(fs, "target"), "dir") ?? "(no target)"}`;
  const program = attr(child(fs, "binary"), "path");
  const sources = children(fs, "source");
  return [
    ...(program ? [`${what} runs the host program ${program} as virtiofsd`] : []),
    ...sourceReasons(what, sources, pools),
    ...sources
      .map((s) => attr(s, "socket"))
      .filter((s): s is string => Boolean(s))
      .map((s) => `${what} connects to the host socket ${s}`),
  ];
}

/** Domain-level security labels: none, static (implies relabel='no'), or relabel='no'. */
function seclabelReasons(domain: XmlNode): string[] {
  return children(domain, "seclabel").flatMap((label) => {
    const type = attr(label, "type");
    if (type === "none") return ["seclabel type='none' turns QEMU's confinement off"];
    if (type === "static")
      return ["seclabel type='static' runs QEMU under a label the XML chooses"];
    if (attr(label, "relabel") === "no")
      return ["seclabel relabel='no' keeps libvirt from labelling what QEMU opens"];
    return [];
  });
}

/**
 * Why this domain XML reaches into the host, one reason per thing found (none: it does not).
 * `poolPaths` are the target paths of the host's pools, active or not: a file or directory is
 * a pool's when it lies below one of them.
 */
export function hostReach(xml: string, poolPaths: readonly string[]): string[] {
  const doc = parseXml(xml);
  const qemu: string[] = [];
  qemuElements(doc, new Map(), qemu);
  const reasons = [
    ...(/<!DOCTYPE/i.test(xml)
      ? ["a <!DOCTYPE> can declare entities that hide what the XML holds"]
      : []),
    ...qemu.map((name) => `qemu:${name} ${QEMU_WORDS[name] ?? "passes settings straight to QEMU"}`),
  ];
  for (const domain of children(doc, "domain")) {
    const devices = children(domain, "devices");
    const all = (name: string) => devices.flatMap((d) => children(d, name));
    reasons.push(
      ...all("hostdev").map(() => "hostdev passes a host device through"),
      ...all("interface")
        .filter((i) => attr(i, "type") === "hostdev")
        .map(() => "interface type='hostdev' passes a host network device through"),
      ...all("disk").flatMap((d) => diskReasons(d, poolPaths)),
      ...all("filesystem").flatMap((f) => filesystemReasons(f, poolPaths)),
      ...seclabelReasons(domain),
    );
  }
  return [...new Set(reasons)];
}
