// Changes to an existing VM: vCPUs and memory (persistent always, live where the running VM
// allows it, and the caller is told which), title/description, CD-ROM media, and a whole-XML
// edit validated by libvirt before it is saved.
import "server-only";
import { AppError } from "@/lib/errors";
import { DomainXmlFlags, Impact, MemoryFlags, MetadataType, VcpuFlags } from "@/lib/libvirt";
import type { VmResourcesInput } from "@/lib/schemas/vm-edit";
import { buildXml } from "@/lib/xml/build-network";
import { attr, child, parseXml, text } from "@/lib/xml/parse";
import { changeVm, vmOnHost } from "./change-vm";

/** VIR_DOMAIN_DEFINE_VALIDATE: libvirt checks the XML against its schema before defining. */
const DEFINE_VALIDATE = 1;

export interface ResourcesOutcome {
  /** What changed in the running VM now ("vcpus", "memory"); the rest applies at next boot. */
  live: string[];
  nextBoot: string[];
}

export async function setVmResources(input: VmResourcesInput): Promise<ResourcesOutcome> {
  const outcome: ResourcesOutcome = { live: [], nextBoot: [] };
  const kib = input.memoryMib * 1024;
  await changeVm(input.id, async ({ conn, dom }) => {
    const d = conn.domains;
    // Persistent: raise the maxima first, then the current values.
    await d.setVcpus(dom, input.vcpus, Impact.CONFIG | VcpuFlags.MAXIMUM);
    await d.setVcpus(dom, input.vcpus, Impact.CONFIG);
    await d.setMemory(dom, kib, Impact.CONFIG | MemoryFlags.MAXIMUM);
    await d.setMemory(dom, kib, Impact.CONFIG);
    if (!(await d.isActive(dom))) return;
    // Live: vCPU hot-plug and the balloon only go up to the maxima the VM was started with.
    const tries: [string, () => Promise<void>][] = [
      ["vcpus", () => d.setVcpus(dom, input.vcpus, Impact.LIVE)],
      ["memory", () => d.setMemory(dom, kib, Impact.LIVE)],
    ];
    for (const [what, apply] of tries) {
      try {
        await apply();
        outcome.live.push(what);
      } catch {
        outcome.nextBoot.push(what);
      }
    }
  });
  return outcome;
}

export function setVmDescription(input: {
  id: string;
  title: string;
  description: string;
}): Promise<void> {
  return changeVm(input.id, async ({ conn, dom }) => {
    const live = (await conn.domains.isActive(dom)) ? Impact.LIVE : 0;
    const flags = Impact.CONFIG | live;
    const set = (type: number, value: string) =>
      conn.domainExtras.setMetadata(dom, type, value || null, { flags });
    await set(MetadataType.TITLE, input.title);
    await set(MetadataType.DESCRIPTION, input.description);
  });
}

/** Renames a shut-off VM; its UUID, tags and notes stay (libvirt refuses a running one). */
export function renameVm(input: { id: string; name: string }): Promise<void> {
  return changeVm(input.id, async ({ conn, dom }) => {
    if (await conn.domains.isActive(dom))
      throw new AppError("conflict", `Shut ${dom.name} off before renaming it`);
    await conn.domains.rename(dom, input.name);
  });
}

/** Inserts (path) or ejects ("") the medium of a CD-ROM drive. */
export function setCdromMedia(input: { id: string; target: string; path: string }): Promise<void> {
  return changeVm(input.id, async ({ conn, dom }) => {
    const xml = parseXml(await conn.domains.xml(dom, DomainXmlFlags.INACTIVE));
    const disks = child(child(xml, "domain"), "devices").disk as Record<string, unknown>[];
    const drive = (disks ?? []).find(
      (d) => attr(d, "device") === "cdrom" && attr(child(d, "target"), "dev") === input.target,
    );
    if (!drive) throw new AppError("not_found", `No CD-ROM drive ${input.target}`);
    const disk = {
      "@type": "file",
      "@device": "cdrom",
      driver: { "@name": "qemu", "@type": "raw" },
      source: input.path ? { "@file": input.path } : undefined,
      target: { "@dev": input.target, "@bus": attr(child(drive, "target"), "bus") ?? "sata" },
      readonly: "",
    };
    const live = (await conn.domains.isActive(dom)) ? Impact.LIVE : 0;
    await conn.domainExtras.updateDevice(dom, buildXml({ disk }), Impact.CONFIG | live);
  });
}

/** The persistent XML for the advanced editor. */
export async function readVmXml(vmId: string): Promise<string> {
  const { conn, dom } = await vmOnHost(vmId);
  return conn.domains.xml(dom, DomainXmlFlags.INACTIVE | DomainXmlFlags.SECURE);
}

/**
 * Saves edited XML (well-formed: its schema checks that); it must keep the VM's name and UUID
 * (else it would define another VM).
 */
export function saveVmXml(input: { id: string; xml: string }): Promise<void> {
  return changeVm(input.id, async ({ conn, dom }) => {
    const domain = child(parseXml(input.xml), "domain");
    if (text(domain, "name") !== dom.name)
      throw new AppError("invalid", `The XML must keep the name ${dom.name} (rename is separate)`);
    const uuid = text(domain, "uuid");
    if (uuid && uuid.toLowerCase() !== dom.uuid.toLowerCase())
      throw new AppError("invalid", "The XML must keep the VM's UUID");
    await conn.domains.define(input.xml, DEFINE_VALIDATE);
  });
}
