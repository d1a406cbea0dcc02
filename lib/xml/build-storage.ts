// libvirt XML for pools and volumes, built with XMLBuilder: every value an operator typed is
// escaped by the builder, never concatenated into markup (the schemas refuse specials anyway).
import type { CreatePoolInput } from "@/lib/schemas/storage";
import { buildXml } from "./build-network";

/** The directory on the host a new pool occupies: its own, or /dev/VG for a volume group. */
export function poolTargetPath(input: CreatePoolInput): string {
  return input.type === "logical" ? `/dev/${input.vgName}` : input.path;
}

export function buildPoolXml(input: CreatePoolInput): string {
  const pool: Record<string, unknown> = { "@type": input.type, name: input.name };
  if (input.type === "logical") {
    const source: Record<string, unknown> = { name: input.vgName, format: { "@type": "lvm2" } };
    if (input.device) source.device = { "@path": input.device };
    pool.source = source;
  } else if (input.type === "netfs") {
    pool.source = {
      host: { "@name": input.server },
      dir: { "@path": input.exportPath },
      format: { "@type": "auto" },
    };
  }
  pool.target = { path: poolTargetPath(input) };
  return buildXml({ pool });
}

export interface VolumeXmlInput {
  name: string;
  /** Bytes. */
  capacity: number;
  format: "qcow2" | "raw";
  /** Path and format of a backing volume (qcow2 only). */
  backing?: { path: string; format: string } | null;
}

export function buildVolumeXml(input: VolumeXmlInput): string {
  const volume: Record<string, unknown> = {
    name: input.name,
    capacity: { "@unit": "bytes", "#text": String(input.capacity) },
    // Thin by default: a new volume takes space as the guest writes.
    allocation: { "@unit": "bytes", "#text": "0" },
    target: { format: { "@type": input.format } },
  };
  if (input.backing)
    volume.backingStore = { path: input.backing.path, format: { "@type": input.backing.format } };
  return buildXml({ volume });
}
