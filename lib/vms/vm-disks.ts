// Disks of an existing VM: attach a new or existing volume (live too when it runs), detach one,
// and the boot order. Persistent changes always; live ones when the VM is running.
import "server-only";
import { AppError } from "@/lib/errors";
import { DomainXmlFlags, Impact } from "@/lib/libvirt";
import type { AttachDiskInput } from "@/lib/schemas/vm-edit";
import { createVolume } from "@/lib/storage/create-volume";
import { buildXml } from "@/lib/xml/build-network";
import { attr, child, children, parseXml, type XmlNode } from "@/lib/xml/parse";
import { changeVm } from "./change-vm";

const GIB = 1024 ** 3;

function freeTarget(used: Set<string>, bus: "virtio" | "sata"): string {
  const prefix = bus === "virtio" ? "vd" : "sd";
  for (let i = 0; i < 26; i++) {
    const dev = `${prefix}${String.fromCharCode(97 + i)}`;
    if (!used.has(dev)) return dev;
  }
  throw new AppError("conflict", `No free ${bus} disk name left`);
}

/** Attaches a disk; returns its target name (vdb, sdc, …). */
export async function attachDisk(input: AttachDiskInput): Promise<string> {
  let dev = "";
  await changeVm(input.id, async ({ conn, dom, hostId }) => {
    const doc = parseXml(await conn.domains.xml(dom, DomainXmlFlags.INACTIVE));
    const disks = children(child(child(doc, "domain"), "devices"), "disk");
    dev = freeTarget(new Set(disks.map((d) => attr(child(d, "target"), "dev") ?? "")), input.bus);
    let path: string;
    let format: string;
    if (input.source.mode === "new") {
      const vol = await createVolume({
        hostId,
        pool: input.source.pool,
        name: `${dom.name}-${dev}.${input.source.format === "qcow2" ? "qcow2" : "img"}`,
        format: input.source.format,
        capacity: Math.round(input.source.sizeGib * GIB),
        backing: "",
      });
      path = vol.path;
      format = input.source.format;
    } else {
      path = input.source.path;
      const vol = await conn.storage.lookupVolumeByPath(path);
      const volXml = parseXml(await conn.storage.volumeXml(vol));
      format = attr(child(child(child(volXml, "volume"), "target"), "format"), "type") ?? "raw";
    }
    const disk = {
      "@type": "file",
      "@device": "disk",
      driver: { "@name": "qemu", "@type": format },
      source: { "@file": path },
      target: { "@dev": dev, "@bus": input.bus },
    };
    const live = (await conn.domains.isActive(dom)) ? Impact.LIVE : 0;
    await conn.domainExtras.attachDevice(dom, buildXml({ disk }), Impact.CONFIG | live);
  });
  return dev;
}

/** Detaches a disk (the volume stays in its pool). */
export function detachDisk(input: { id: string; target: string }): Promise<void> {
  return changeVm(input.id, async ({ conn, dom }) => {
    const doc = parseXml(await conn.domains.xml(dom, DomainXmlFlags.INACTIVE));
    const disks = children(child(child(doc, "domain"), "devices"), "disk");
    const disk = disks.find((d) => attr(child(d, "target"), "dev") === input.target);
    if (!disk) throw new AppError("not_found", `No disk ${input.target}`);
    const live = (await conn.domains.isActive(dom)) ? Impact.LIVE : 0;
    await conn.domainExtras.detachDevice(dom, buildXml({ disk }), Impact.CONFIG | live);
  });
}

/** Sets <os><boot dev=…/> in the persistent definition (applies at the next boot). */
export function setBootOrder(input: { id: string; order: string[] }): Promise<void> {
  return changeVm(input.id, async ({ conn, dom }) => {
    const doc = parseXml(
      await conn.domains.xml(dom, DomainXmlFlags.INACTIVE | DomainXmlFlags.SECURE),
    );
    const os = child(child(doc, "domain"), "os") as XmlNode;
    os.boot = input.order.map((dev) => ({ "@dev": dev }));
    await conn.domains.define(buildXml(doc));
  });
}
