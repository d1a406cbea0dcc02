// Pre-flight checks of a migration, in the operator's words, before anything starts: the target
// is online and another host, same architecture, a CPU that can run the VM's (libvirt's CPU
// comparison on the target), the networks and pools the VM needs, free memory and pool space,
// no name or UUID clash. libvirt stays the final judge: nothing here second-guesses its
// emulator or machine checks.
import { db } from "@/lib/db/client";
import { AppError, toAppError } from "@/lib/errors";
import { connectionManager } from "@/lib/hosts/connection-manager";
import { type Connection, DomainListFlags, type DomainRef, DomainXmlFlags } from "@/lib/libvirt";
import type { MigrateVmInput } from "@/lib/schemas/migration";
import { formatBytes } from "@/lib/storage/sizes";
import { vmOnHost } from "@/lib/vms/change-vm";
import { attr, child, children, parseXml, type XmlNode } from "@/lib/xml/parse";
import { parseVolumeXml } from "@/lib/xml/parse-storage";

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export interface HostEnd {
  id: string;
  name: string;
  conn: Connection;
  migrationUri: string | null;
  migrationAddress: string | null;
  maintenance: boolean;
}

export interface DiskToMove {
  /** The guest's device name (vda). */
  dev: string;
  path: string;
  volume: string;
  capacity: number;
  allocation: number;
  /** The file's size: what an offline copy moves through the volume streams. */
  physical: number;
  format: "qcow2" | "raw";
  /** The file a qcow2 overlay reads through to, when it is one. */
  backingPath: string | null;
}

/** What the target offers, for the dialog's choices (pools for copied disks, network mapping). */
export interface TargetChoices {
  pools: { name: string; available: number }[];
  networks: string[];
  /** The virtual networks the VM's NICs are on. */
  vmNetworks: string[];
}

export interface MigrationPlan {
  vm: { id: string; name: string; uuid: string };
  dom: DomainRef;
  source: HostEnd;
  target: HostEnd;
  live: boolean;
  disks: DiskToMove[];
  /** The VM's networks by name, and the name each has on the target. */
  networks: Map<string, string>;
}

const KIB = 1024;

async function hostEnd(id: string): Promise<HostEnd> {
  const host = await db.host.findUnique({ where: { id } });
  if (!host) throw new AppError("not_found", "No such host");
  return {
    id: host.id,
    name: host.name,
    conn: connectionManager().connection(host.id, host.name),
    migrationUri: host.migrationUri,
    migrationAddress: host.migrationAddress,
    maintenance: host.maintenance,
  };
}

function hostArch(capsXml: string): string {
  return String(child(child(child(parseXml(capsXml), "capabilities"), "host"), "cpu").arch ?? "");
}

/** The CPU the VM asks for, as XML the target's CPU comparison reads; null when emulated. */
function cpuToCompare(domain: XmlNode, sourceCapsXml: string): string | null {
  const cpu = domain.cpu as XmlNode | undefined;
  const mode = attr(cpu, "mode");
  if (mode === "host-passthrough" || mode === "host-model") {
    const hostCpu = child(child(parseXml(sourceCapsXml), "capabilities"), "host");
    return cpuXml(child(hostCpu, "cpu"));
  }
  if (cpu && child(cpu, "model")["#text"]) return cpuXml(cpu);
  return null;
}

/** A <cpu> element back to text (model, vendor and features are what the comparison reads). */
function cpuXml(cpu: XmlNode): string {
  const model = child(cpu, "model")["#text"] ?? (typeof cpu.model === "string" ? cpu.model : "");
  const vendor = typeof cpu.vendor === "string" ? `<vendor>${cpu.vendor}</vendor>` : "";
  const features = children(cpu, "feature")
    .filter((f) => attr(f, "policy") !== "disable" && attr(f, "policy") !== "forbid")
    .map((f) => `<feature name='${attr(f, "name")}'/>`)
    .join("");
  const arch = typeof cpu.arch === "string" ? `<arch>${cpu.arch}</arch>` : "";
  return `<cpu>${arch}<model>${model}</model>${vendor}${features}</cpu>`;
}

const say = (name: string, ok: boolean, detail: string): Check => ({ name, ok, detail });

/**
 * Every check, each with its outcome in words; `plan` is what the migration needs when all pass.
 * A host that cannot be read is a failed check, not an error.
 */
export async function preflight(
  input: MigrateVmInput,
): Promise<{ checks: Check[]; plan: MigrationPlan | null; choices: TargetChoices | null }> {
  const checks: Check[] = [];
  const row = await db.vm.findUnique({ where: { id: input.id } });
  if (!row) throw new AppError("not_found", "No such VM");
  const found = await vmOnHost(input.id);
  const source = await hostEnd(found.hostId);
  if (input.target === source.id) {
    checks.push(say("Target host", false, `${row.name} is already on ${source.name}`));
    return { checks, plan: null, choices: null };
  }
  let target: HostEnd;
  try {
    target = await hostEnd(input.target);
    await target.conn.host.hostname();
  } catch (error) {
    const why = toAppError(error)?.message ?? "it does not answer";
    checks.push(say("Target host", false, why));
    return { checks, plan: null, choices: null };
  }
  if (target.maintenance) {
    checks.push(say("Target host", false, `${target.name} is in maintenance: it takes no new VMs`));
    return { checks, plan: null, choices: null };
  }
  checks.push(say("Target host", true, `${target.name} is online`));
  const dom = found.dom;
  const live = await source.conn.domains.isActive(dom);
  const [xml, sourceCaps, targetCaps] = await Promise.all([
    source.conn.domains.xml(dom, DomainXmlFlags.SECURE | (live ? 0 : DomainXmlFlags.INACTIVE)),
    source.conn.host.capabilities(),
    target.conn.host.capabilities(),
  ]);
  const domain = child(parseXml(xml), "domain");
  const devices = child(domain, "devices");

  const [archFrom, archTo] = [hostArch(sourceCaps), hostArch(targetCaps)];
  checks.push(
    archFrom === archTo
      ? say("Architecture", true, `${archTo} on both hosts`)
      : say("Architecture", false, `${source.name} is ${archFrom}, ${target.name} is ${archTo}`),
  );

  // A TCG guest (domain type qemu) runs any CPU model in software: no host CPU to compare.
  const cpu = attr(domain, "type") === "kvm" ? cpuToCompare(domain, sourceCaps) : null;
  if (!cpu) checks.push(say("CPU", true, "The VM's CPU is emulated by QEMU: any host can run it"));
  else {
    const result = await target.conn.host.compareCpu(cpu).catch((e: unknown) => e as Error);
    if (result instanceof Error || typeof result !== "number")
      checks.push(
        say("CPU", false, `The target could not compare CPUs: ${(result as Error).message}`),
      );
    else
      checks.push(
        result === 0
          ? say(
              "CPU",
              false,
              `${target.name}'s CPU cannot run the VM's CPU (libvirt: incompatible)`,
            )
          : say("CPU", true, `${target.name}'s CPU can run the VM's CPU`),
      );
  }

  // Networks: each one a NIC joins must be on the target (or mapped to one that is), and active.
  const used = [
    ...new Set(
      children(devices, "interface")
        .filter((i) => attr(i, "type") === "network")
        .map((i) => attr(child(i, "source"), "network"))
        .filter((n): n is string => Boolean(n)),
    ),
  ];
  const targetNets = await target.conn.networks.list(0);
  const active = new Set(
    (
      await Promise.all(
        targetNets.map(async (n) => ((await target.conn.networks.isActive(n)) ? [n.name] : [])),
      )
    ).flat(),
  );
  const networks = new Map<string, string>();
  const missing: string[] = [];
  for (const name of used) {
    const there = input.networks[name] ?? name;
    networks.set(name, there);
    if (!active.has(there)) missing.push(there === name ? name : `${name} (as ${there})`);
  }
  checks.push(
    missing.length === 0
      ? say(
          "Networks",
          true,
          used.length
            ? `${target.name} has ${used.map((n) => networks.get(n)).join(", ")}`
            : "The VM uses no virtual network",
        )
      : say(
          "Networks",
          false,
          `${target.name} has no active network ${missing.join(", ")}: create it there or map it to one of ${[...active].join(", ") || "(none)"}`,
        ),
  );

  // Disks: where they are, and what the target must hold.
  const disks: DiskToMove[] = [];
  const fileDisks = children(devices, "disk").filter(
    (d) => attr(d, "device") === "disk" && attr(child(d, "source"), "file"),
  );
  for (const d of fileDisks) {
    const path = attr(child(d, "source"), "file") ?? "";
    const vol = await source.conn.storage.lookupVolumeByPath(path).catch(() => null);
    // One read: the volume's XML has its sizes (capacity, allocation, the file's) and format.
    const parsed = vol ? parseVolumeXml(await source.conn.storage.volumeXml(vol)) : null;
    disks.push({
      dev: attr(child(d, "target"), "dev") ?? "",
      path,
      volume: vol?.name ?? path.split("/").pop() ?? path,
      capacity: parsed?.capacity ?? 0,
      allocation: parsed?.allocation ?? 0,
      physical: parsed?.physical ?? parsed?.capacity ?? 0,
      format: parsed?.format === "qcow2" ? "qcow2" : "raw",
      backingPath: parsed?.backingPath ?? null,
    });
  }
  const overlays = disks.filter((d) => d.backingPath);
  if (input.storage === "shared") {
    const absent: string[] = [];
    for (const disk of disks) {
      const there = await target.conn.storage.lookupVolumeByPath(disk.path).catch(() => null);
      if (!there) absent.push(`${disk.dev} (${disk.path})`);
    }
    checks.push(
      absent.length === 0
        ? say(
            "Storage",
            true,
            disks.length
              ? `Every disk is at the same path on ${target.name}`
              : "The VM has no disk files",
          )
        : say(
            "Storage",
            false,
            `Not on ${target.name}: ${absent.join(", ")}. Choose "copy all disks"`,
          ),
    );
  } else if (!live && overlays.length > 0) {
    // An offline copy moves each volume's own file; an overlay's backing file would be missing.
    checks.push(
      say(
        "Storage",
        false,
        `${overlays.map((d) => `${d.dev} is an overlay on ${d.backingPath}`).join(", ")}: a shut-off VM's copy would lose what it reads through to. Start the VM and migrate it live (QEMU copies the whole chain), or use shared storage`,
      ),
    );
  } else {
    const poolName = input.pool ?? "";
    const pool = poolName ? await target.conn.storage.lookupPool(poolName).catch(() => null) : null;
    if (!poolName)
      checks.push(say("Storage", false, `Choose the pool on ${target.name} for the copied disks`));
    else if (!pool) checks.push(say("Storage", false, `${target.name} has no pool ${poolName}`));
    else {
      const [info, names] = await Promise.all([
        target.conn.storage.poolInfo(pool),
        target.conn.storage.listVolumes(pool).then((vs) => vs.map((v) => v.name)),
      ]);
      // Live, QEMU writes what the guest's disks hold; offline, the streams move whole files.
      const needed = disks.reduce((sum, d) => sum + (live ? d.allocation : d.physical), 0);
      const clash = disks.filter((d) => names.includes(d.volume)).map((d) => d.volume);
      checks.push(
        clash.length > 0
          ? say("Storage", false, `${poolName} on ${target.name} already has ${clash.join(", ")}`)
          : needed > info.available
            ? say(
                "Storage",
                false,
                `The disks need ${formatBytes(needed)}; ${poolName} has ${formatBytes(info.available)} free`,
              )
            : say(
                "Storage",
                true,
                `${disks.length} disk(s), ${formatBytes(needed)}, into ${poolName} (${formatBytes(info.available)} free)`,
              ),
      );
    }
  }

  if (live) {
    const memoryKiB = Number(
      child(domain, "currentMemory")["#text"] ?? domain.currentMemory ?? row.memoryKiB,
    );
    const free = await target.conn.host.freeMemory().catch(() => 0);
    const needs = memoryKiB * KIB;
    checks.push(
      free >= needs
        ? say(
            "Memory",
            true,
            `Needs ${formatBytes(needs)}; ${target.name} has ${formatBytes(free)} free`,
          )
        : say(
            "Memory",
            false,
            `Needs ${formatBytes(needs)}; ${target.name} has ${formatBytes(free)} free`,
          ),
    );
  }

  const theirs = await target.conn.domains.list(DomainListFlags.ACTIVE | DomainListFlags.INACTIVE);
  const sameName = theirs.find((d) => d.name === row.name);
  const sameUuid = theirs.find((d) => d.uuid === row.uuid);
  checks.push(
    sameUuid
      ? say("Name", false, `${target.name} already has this VM (${sameUuid.name}, same UUID)`)
      : sameName
        ? say("Name", false, `${target.name} already has a VM named ${row.name}`)
        : say("Name", true, `No VM named ${row.name} on ${target.name}`),
  );

  const ok = checks.every((c) => c.ok);
  const pools = await target.conn.storage.listPools(0);
  const choices: TargetChoices = {
    pools: (
      await Promise.all(
        pools.map(async (p) => {
          const info = await target.conn.storage.poolInfo(p).catch(() => null);
          return info && info.stateCode === 2 ? [{ name: p.name, available: info.available }] : [];
        }),
      )
    ).flat(),
    networks: [...active],
    vmNetworks: used,
  };
  return {
    choices,
    checks,
    plan: ok
      ? {
          vm: { id: row.id, name: row.name, uuid: row.uuid },
          dom,
          source,
          target,
          live,
          disks,
          networks,
        }
      : null,
  };
}
