// A VM's NICs: add, remove, move to another network. Live on a running VM where libvirt allows
// it, and in the persistent config; when the live change is refused, the config change alone
// is made and the result says it takes effect at next boot.
import { randomBytes } from "node:crypto";
import { AppError } from "@/lib/errors";
import { observeDomain } from "@/lib/inventory/observe-domain";
import { saveObservation } from "@/lib/inventory/vm-store";
import { awaitingAddress, watchAddresses } from "@/lib/inventory/watch-addresses";
import { type Connection, type DomainRef, DomainXmlFlags, Impact } from "@/lib/libvirt";
import { changeVm } from "@/lib/vms/change-vm";
import { buildNicXml, buildXml } from "@/lib/xml/build-network";
import { attr, child, children, parseXml } from "@/lib/xml/parse";

export interface NicChangeResult {
  /** live: the running guest has it now; next-boot: only the config changed. */
  applied: "live" | "next-boot";
}

export function generateMac(): string {
  const b = randomBytes(3);
  return `52:54:00:${[...b].map((x) => x.toString(16).padStart(2, "0")).join(":")}`;
}

/** The <interface> element with this MAC, rebuilt as XML, from the live or inactive domain XML. */
async function nicElement(conn: Connection, dom: DomainRef, mac: string, inactive: boolean) {
  const xml = await conn.domains.xml(dom, inactive ? DomainXmlFlags.INACTIVE : 0);
  const devices = child(child(parseXml(xml), "domain"), "devices");
  const nic = children(devices, "interface").find(
    (i) => attr(child(i, "mac"), "address")?.toLowerCase() === mac,
  );
  return nic ?? null;
}

/**
 * Runs `apply` live and in the config as the VM's state calls for. When the guest is running and
 * the live change is refused, the config change alone is kept (applied: next-boot).
 */
async function applyBoth(
  conn: Connection,
  dom: DomainRef,
  apply: (flags: number, inactive: boolean) => Promise<void>,
): Promise<NicChangeResult> {
  const [active, persistent] = await Promise.all([
    conn.domains.isActive(dom),
    conn.domains.isPersistent(dom),
  ]);
  if (!active) {
    await apply(Impact.CONFIG, true);
    return { applied: "next-boot" };
  }
  if (!persistent) {
    await apply(Impact.LIVE, false);
    return { applied: "live" };
  }
  try {
    await apply(Impact.LIVE, false);
  } catch (error) {
    await apply(Impact.CONFIG, true).catch(() => {
      throw error;
    });
    return { applied: "next-boot" };
  }
  await apply(Impact.CONFIG, true);
  return { applied: "live" };
}

/** NIC changes fire no event libvirt would tell us about: re-read the XML into the inventory. */
async function refresh(vm: { conn: Connection; dom: DomainRef; hostId: string }, watch: boolean) {
  const obs = await observeDomain(vm.conn, vm.dom, true);
  await saveObservation(vm.hostId, obs);
  const waiting = watch ? awaitingAddress(vm.dom, obs) : null;
  if (waiting) watchAddresses(vm.hostId, vm.conn, [waiting]);
}

type NicSpec = { type: "network" | "bridge"; source: string; model: string; mac: string };

export async function addNic(vmId: string, spec: NicSpec) {
  const mac = spec.mac || generateMac();
  let result: NicChangeResult = { applied: "live" };
  await changeVm(vmId, async (vm) => {
    const { conn, dom } = vm;
    if (await nicElement(conn, dom, mac, false))
      throw new AppError("conflict", `The VM already has a NIC with MAC ${mac}`);
    const xml = buildNicXml({ ...spec, mac });
    result = await applyBoth(conn, dom, (flags) => conn.domainExtras.attachDevice(dom, xml, flags));
    await refresh(vm, result.applied === "live");
  });
  return { mac, ...result };
}

export async function removeNic(vmId: string, mac: string) {
  let result: NicChangeResult = { applied: "live" };
  await changeVm(vmId, async (vm) => {
    const { conn, dom } = vm;
    result = await applyBoth(conn, dom, async (flags, inactive) => {
      const nic = await nicElement(conn, dom, mac, inactive);
      if (!nic) throw new AppError("not_found", `The VM has no NIC with MAC ${mac}`);
      await conn.domainExtras.detachDevice(dom, buildXml({ interface: nic }), flags);
    });
    await refresh(vm, false);
  });
  return { mac, ...result };
}

export async function changeNicSource(
  vmId: string,
  change: { mac: string; type: "network" | "bridge"; source: string },
) {
  let result: NicChangeResult = { applied: "live" };
  await changeVm(vmId, async (vm) => {
    const { conn, dom } = vm;
    result = await applyBoth(conn, dom, async (flags, inactive) => {
      const nic = await nicElement(conn, dom, change.mac, inactive);
      if (!nic) throw new AppError("not_found", `The VM has no NIC with MAC ${change.mac}`);
      nic["@type"] = change.type;
      nic.source =
        change.type === "network" ? { "@network": change.source } : { "@bridge": change.source };
      await conn.domainExtras.updateDevice(dom, buildXml({ interface: nic }), flags);
    });
    await refresh(vm, result.applied === "live");
  });
  return { mac: change.mac, ...result };
}
