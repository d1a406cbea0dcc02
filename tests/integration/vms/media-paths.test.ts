// The host paths a VM is given by field (CD-ROM media, the create wizard's ISO, kernel, initrd
// and disks, an existing disk attached by path) must be in one of the host's pools or under an
// allowed root unless the caller holds Sys.Modify on /; against the lab's libvirtd with virsh as
// the oracle: a refusal names its field, is audited and changes nothing.
import { mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session-store";

const allowedRoot = mkdtempSync(path.join("/var/tmp", "xmlgate-root-"));
const poolDir = mkdtempSync(path.join("/var/tmp", "xmlgate-pool-"));
const outsideDir = mkdtempSync(path.join("/var/tmp", "xmlgate-outside-"));
// Read once by lib/env, when the support module first imports it.
process.env.VIRTDECK_POOL_ROOTS = allowedRoot;
const support = await import("../networks/support");
const { closeDb, dataDir, db, lab, manager, startLabHost, suffix } = support;
const { defineXml, guestXml, removeDomain, virsh, waitFor } = await import("../support/virsh");
const { auditCount, createDeputy, refusalOf } = await import("../support/deputy");
const { invoke } = await import("@/lib/access/invoke");
const { vmCdromOp, attachDiskOp } = await import("@/lib/vms/operations/config");
const { checkVmStepOp, createVmOp, previewVmXmlOp } = await import("@/lib/vms/operations/allocate");

const prefix = `xmlgate-${suffix()}`;
const vmName = `${prefix}-vm`;
const poolName = `${prefix}-pool`;
const outside = `${outsideDir}/x.iso`;
let hostId = "";
let vmId = "";
let deputy: SessionUser;

const persistent = () => virsh(lab.LAB_URI, "dumpxml", "--inactive", vmName);
const domains = () => virsh(lab.LAB_URI, "list", "--all", "--name");
const cdrom = (caller: SessionUser, media: string) =>
  invoke(vmCdromOp, { user: caller }, { id: vmId, target: "hdc", path: media });
const newVm = (fields: Record<string, unknown>) => ({
  hostId,
  name: `${prefix}-new`,
  vcpus: 1,
  memoryMib: 64,
  domainType: "qemu",
  source: { kind: "kernel", kernel: `${poolDir}/vmlinuz` },
  ...fields,
});

beforeAll(async () => {
  hostId = await startLabHost();
  await virsh(lab.LAB_URI, "pool-define-as", poolName, "dir", "--target", poolDir);
  await virsh(lab.LAB_URI, "pool-start", poolName);
  for (const vol of ["tiny.iso", "vmlinuz", "disk.img"])
    await virsh(lab.LAB_URI, "vol-create-as", poolName, vol, "1M", "--format", "raw");
  const drive =
    "<disk type='file' device='cdrom'><driver name='qemu' type='raw'/><target dev='hdc' bus='ide'/><readonly/></disk>";
  await defineXml(
    lab.LAB_URI,
    (await guestXml(lab, vmName)).replace("</devices>", `${drive}\n</devices>`),
  );
  vmId = await waitFor(
    "the test VM in the inventory",
    () => db.vm.findFirst({ where: { name: vmName, goneAt: null } }).then((v) => v?.id),
    20_000,
  );
  deputy = await createDeputy(hostId, "xmlgate-media");
});

afterAll(async () => {
  for (const name of (await domains()).split("\n").map((n) => n.trim()))
    if (name.startsWith(prefix)) await removeDomain(lab.LAB_URI, name);
  await virsh(lab.LAB_URI, "pool-destroy", poolName).catch(() => undefined);
  await virsh(lab.LAB_URI, "pool-undefine", poolName).catch(() => undefined);
  for (const dir of [allowedRoot, poolDir, outsideDir])
    rmSync(dir, { recursive: true, force: true });
  await manager.stopAll();
  await closeDb();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("host paths given to a VM", () => {
  it("outside the pools and allowed roots are refused, naming the field, audited, nothing changed", async () => {
    const cases: [string, string, () => Promise<unknown>, string][] = [
      ["vm.cdrom.insert", "path", () => cdrom(deputy, outside), outside],
      [
        "vm.create",
        "source.kernel",
        () =>
          invoke(
            createVmOp,
            { user: deputy },
            newVm({ source: { kind: "kernel", kernel: lab.LAB_GUEST_KERNEL } }),
          ),
        lab.LAB_GUEST_KERNEL,
      ],
      [
        "vm.create",
        "source.initrd",
        () =>
          invoke(
            createVmOp,
            { user: deputy },
            newVm({
              source: {
                kind: "kernel",
                kernel: `${poolDir}/vmlinuz`,
                initrd: lab.LAB_GUEST_INITRD,
              },
            }),
          ),
        lab.LAB_GUEST_INITRD,
      ],
      [
        "vm.create",
        "source.isoPath",
        () =>
          invoke(
            createVmOp,
            { user: deputy },
            newVm({ source: { kind: "iso", isoPath: outside } }),
          ),
        outside,
      ],
      [
        "vm.create",
        "source.diskPath",
        () =>
          invoke(
            createVmOp,
            { user: deputy },
            newVm({ source: { kind: "import", diskPath: outside } }),
          ),
        outside,
      ],
      [
        "vm.create",
        "disk.path",
        () =>
          invoke(
            createVmOp,
            { user: deputy },
            newVm({ disk: { mode: "existing", path: outside } }),
          ),
        outside,
      ],
      [
        "vm.disk.attach",
        "source.path",
        () =>
          invoke(
            attachDiskOp,
            { user: deputy },
            { id: vmId, source: { mode: "existing", path: outside } },
          ),
        outside,
      ],
    ];
    const wrong: string[] = [];
    for (const [action, field, call, file] of cases) {
      const before = [await domains(), await persistent()];
      const refusedBefore = await auditCount(action, "refused");
      const refusal = await refusalOf(call());
      const want = `${field}: ${file} is neither in one of the host's pools nor under an allowed root (/var/lib/libvirt/images, ${allowedRoot}); that needs Sys.Modify on /`;
      if (refusal.status !== 400 || refusal.message !== want)
        wrong.push(`${action} ${field}: ${refusal.status} ${refusal.message}`);
      else if (Object.keys(refusal.fields ?? {}).join() !== field)
        wrong.push(`${action} ${field}: fields ${Object.keys(refusal.fields ?? {})}`);
      if ((await auditCount(action, "refused")) !== refusedBefore + 1)
        wrong.push(`${action} ${field}: no refused audit row`);
      if ([await domains(), await persistent()].join() !== before.join())
        wrong.push(`${action} ${field}: the host changed`);
    }
    expect(wrong).toEqual([]);
    const preview = await refusalOf(
      invoke(
        previewVmXmlOp,
        { user: deputy },
        newVm({ source: { kind: "iso", isoPath: outside } }),
      ),
    );
    expect(Object.keys(preview.fields ?? {})).toEqual(["source.isoPath"]);
  });

  it("in a pool or under an allowed root are taken", async () => {
    await cdrom(deputy, `${poolDir}/tiny.iso`);
    expect(await persistent()).toContain(`<source file='${poolDir}/tiny.iso'/>`);
    await cdrom(deputy, `${allowedRoot}/boot.iso`);
    expect(await persistent()).toContain(`<source file='${allowedRoot}/boot.iso'/>`);
    const { xml } = await invoke(
      previewVmXmlOp,
      { user: deputy },
      newVm({
        source: {
          kind: "kernel",
          kernel: `${poolDir}/vmlinuz`,
          initrd: `${allowedRoot}/initrd.img`,
        },
      }),
    );
    expect(xml).toContain(`<initrd>${allowedRoot}/initrd.img</initrd>`);
  });

  it("an ISO inside a pool that is none of its volumes is refused by the step check and preview", async () => {
    const gone = `${poolDir}/gone.iso`;
    const words = `${gone} is not a volume of pool ${poolName} (no such file; refresh the pool if it was just copied there)`;
    const step = await refusalOf(
      invoke(
        checkVmStepOp,
        { user: support.user },
        { hostId, step: "source", source: { kind: "iso", isoPath: gone } },
      ),
    );
    expect(step).toMatchObject({ status: 400, fields: { "source.isoPath": [words] } });
    const preview = await refusalOf(
      invoke(
        previewVmXmlOp,
        { user: support.user },
        newVm({ source: { kind: "iso", isoPath: gone } }),
      ),
    );
    expect(preview.fields).toEqual({ "source.isoPath": [words] });
    // The step check takes the pool's volume; outside every pool it cannot look, and passes.
    for (const isoPath of [`${poolDir}/tiny.iso`, `${allowedRoot}/boot.iso`])
      await invoke(
        checkVmStepOp,
        { user: deputy },
        { hostId, step: "source", source: { kind: "iso", isoPath } },
      );
  });

  it("preview names the new disk's future path, in its pool's directory", async () => {
    const { xml, newDisk } = await invoke(
      previewVmXmlOp,
      { user: support.user },
      newVm({ disk: { mode: "new", pool: poolName, sizeGib: 1 } }),
    );
    const name = `${prefix}-new-disk1.qcow2`;
    expect(newDisk).toEqual({ pool: poolName, name, path: `${poolDir}/${name}` });
    expect(xml).toContain(`<source file="${poolDir}/${name}"/>`);
    expect(await virsh(lab.LAB_URI, "vol-list", poolName)).not.toContain(name);
  });

  it("anywhere are taken from a caller holding Sys.Modify on /", async () => {
    await cdrom(support.user, outside);
    expect(await persistent()).toContain(`<source file='${outside}'/>`);
    await cdrom(deputy, "");
    expect(await persistent()).not.toContain("<source file=");
  });
});
