// Saving raw domain XML (vm.xml) against the lab's libvirtd, with virsh as the oracle: XML that
// reaches into the host needs Sys.Modify on / besides VM.Config.XML, and a refusal says why, is
// audited as refused and changes nothing; XML that stays within the VM and the host's pools is
// saved with VM.Config.XML alone.
import { mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session-store";
import {
  closeDb,
  dataDir,
  db,
  lab,
  manager,
  startLabHost,
  suffix,
  user,
} from "../networks/support";
import { defineXml, guestXml, removeDomain, virsh, waitFor } from "../support/virsh";

const { invoke } = await import("@/lib/access/invoke");
const { saveVmXmlOp } = await import("@/lib/vms/operations/config");
const { auditCount, createDeputy, lastAudit, refusalOf } = await import("../support/deputy");

const id = suffix();
const vmName = `xmlgate-${id}`;
const poolName = `xmlgate-${id}`;
const poolDir = mkdtempSync(path.join("/var/tmp", "xmlgate-pool-"));
const outsideDir = mkdtempSync(path.join("/var/tmp", "xmlgate-outside-"));
let vmId = "";
let deputy: SessionUser;

const persistent = () => virsh(lab.LAB_URI, "dumpxml", "--inactive", "--security-info", vmName);
const save = (caller: SessionUser, xml: string) =>
  invoke(saveVmXmlOp, { user: caller }, { id: vmId, xml });

/** The VM's persistent XML with `element` added as its last device. */
async function withDevice(element: string): Promise<string> {
  return (await persistent()).replace("</devices>", `${element}\n</devices>`);
}

const fileDisk = (file: string) =>
  `<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='${file}'/><target dev='vdb' bus='virtio'/></disk>`;

beforeAll(async () => {
  const hostId = await startLabHost();
  await virsh(lab.LAB_URI, "pool-define-as", poolName, "dir", "--target", poolDir);
  await virsh(lab.LAB_URI, "pool-start", poolName);
  await virsh(lab.LAB_URI, "vol-create-as", poolName, "data.img", "1M", "--format", "raw");
  await defineXml(lab.LAB_URI, await guestXml(lab, vmName));
  vmId = await waitFor(
    "the test VM in the inventory",
    () => db.vm.findFirst({ where: { name: vmName, goneAt: null } }).then((v) => v?.id),
    20_000,
  );
  deputy = await createDeputy(hostId, "xmlgate-deputy");
});

afterAll(async () => {
  await removeDomain(lab.LAB_URI, vmName);
  await virsh(lab.LAB_URI, "pool-destroy", poolName).catch(() => undefined);
  await virsh(lab.LAB_URI, "pool-undefine", poolName).catch(() => undefined);
  rmSync(poolDir, { recursive: true, force: true });
  rmSync(outsideDir, { recursive: true, force: true });
  await manager.stopAll();
  await closeDb();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("saving domain XML that reaches into the host", () => {
  it("needs Sys.Modify on /: refused with the reason, audited, nothing changed", async () => {
    const qemuArgs = async () =>
      (await persistent())
        .replace(/^<domain /, "<domain xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0' ")
        .replace(
          "</domain>",
          "<qemu:commandline><qemu:arg value='-no-reboot'/></qemu:commandline>\n</domain>",
        );
    const cases: [string, () => Promise<string>, string][] = [
      ["qemu:commandline", qemuArgs, "qemu:commandline passes raw QEMU arguments"],
      [
        "a PCI host device",
        () =>
          withDevice(
            "<hostdev mode='subsystem' type='pci' managed='yes'><source><address domain='0x0000' bus='0x00' slot='0x1f' function='0x0'/></source></hostdev>",
          ),
        "hostdev passes a host device through",
      ],
      [
        "security labels off",
        async () => (await persistent()).replace("</domain>", "<seclabel type='none'/>\n</domain>"),
        "seclabel type='none' turns QEMU's confinement off",
      ],
      [
        "a host block device",
        () =>
          withDevice(
            "<disk type='block' device='disk'><source dev='/dev/null'/><target dev='vdb' bus='virtio'/></disk>",
          ),
        "disk vdb's source /dev/null is a host block device",
      ],
      [
        "a file outside the pools",
        () => withDevice(fileDisk("/etc/shadow")),
        "disk vdb's source /etc/shadow is not in any of the host's pools",
      ],
      [
        "a pool path with .. out of it",
        () => withDevice(fileDisk(`${poolDir}/../../../etc/shadow`)),
        "disk vdb's source /etc/shadow is not in any of the host's pools",
      ],
      [
        "a host directory shared with the guest",
        () =>
          withDevice(
            "<filesystem type='mount' accessmode='mapped'><source dir='/'/><target dir='host'/></filesystem>",
          ),
        "filesystem host's source / is not in any of the host's pools",
      ],
    ];
    for (const [what, xmlOf, reason] of cases) {
      const before = await persistent();
      const refusedBefore = await auditCount("vm.xml", "refused");
      const refusal = await refusalOf(save(deputy, await xmlOf()));
      expect(refusal.status, what).toBe(403);
      expect(refusal.message, what).toMatch(
        /^Permission denied: this needs Sys\.Modify on .*\(\/\)/,
      );
      expect(refusal.message, what).toContain(reason);
      expect(await auditCount("vm.xml", "refused"), what).toBe(refusedBefore + 1);
      expect((await lastAudit("vm.xml")).detail, what).toContain(reason);
      expect(await persistent(), what).toBe(before);
    }
  });

  it("saves what stays in the VM and the host's pools with VM.Config.XML alone", async () => {
    await save(deputy, await withDevice(fileDisk(`${poolDir}/data.img`)));
    expect(await persistent()).toContain(`<source file='${poolDir}/data.img'/>`);
    expect((await lastAudit("vm.xml")).outcome).toBe("ok");
  });

  it("audits what changed, with the VNC password masked", async () => {
    const vcpus = (await persistent()).match(/<vcpu[^>]*>1<\/vcpu>/)?.[0] ?? "<vcpu>1</vcpu>";
    const first = (await persistent())
      .replace(vcpus, vcpus.replace(">1<", ">2<"))
      .replace("<graphics type='vnc'", "<graphics type='vnc' passwd='xgpw0001'");
    await save(deputy, first);
    expect(await persistent()).toContain("passwd='xgpw0001'");
    const row = await lastAudit("vm.xml");
    expect(row.outcome).toBe("ok");
    expect(row.detail).toContain(`-${vcpus}\n+${vcpus.replace(">1<", ">2<")}`);
    expect(row.detail).toMatch(/\n\+<graphics type='vnc' passwd='\*\*\*'[^\n]*>\n/);
    expect(row.detail).toMatch(/a graphics password changed$/);

    await save(deputy, (await persistent()).replace("xgpw0001", "xgpw0002"));
    expect(await persistent()).toContain("passwd='xgpw0002'");
    expect((await lastAudit("vm.xml")).detail).toBe("a graphics password changed");
    const rows = await db.auditEvent.findMany({ where: { detail: { contains: "xgpw000" } } });
    expect(rows).toEqual([]);
  });

  it("saves XML that reaches into the host for a caller holding Sys.Modify on /", async () => {
    const outside = `${outsideDir}/scratch.img`;
    const xml = (await persistent()).replace(
      /<disk type='file' device='disk'>[\s\S]*?<\/disk>/,
      "",
    );
    await save(user, xml.replace("</devices>", `${fileDisk(outside)}\n</devices>`));
    expect(await persistent()).toContain(`<source file='${outside}'/>`);
  });
});
