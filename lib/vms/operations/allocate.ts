// Creating, cloning and deleting VMs: VM.Allocate, plus space in the pools their disks use and
// the networks their NICs join.

import { z } from "zod";
import { forgetVmAccess } from "@/lib/access/forget-object";
import type { Need } from "@/lib/access/operation";
import { operation } from "@/lib/access/operation";
import { displayPath } from "@/lib/access/paths";
import { host, network, pool } from "@/lib/access/targets";
import { getVm } from "@/lib/inventory/list-vms";
import { forgetVmHistory } from "@/lib/metrics/store";
import { createVmSchema, createVmStepSchema } from "@/lib/schemas/vm-create";
import { cloneVmSchema, deleteVmSchema } from "@/lib/schemas/vm-edit";
import { requireAllowedPaths } from "@/lib/storage/allowed-paths";
import { runTaskAsAsked, startTask } from "@/lib/tasks/run-task";
import { isAcceptedTask } from "@/lib/tasks/summary";
import { checkCreateStep } from "@/lib/vms/check-create-step";
import { diskPools, planClone } from "@/lib/vms/clone-vm";
import { optionsFor, readCreateVmOptions } from "@/lib/vms/create-options";
import { createVmPaths, planCreateVm, previewCreateVm } from "@/lib/vms/create-vm";
import { planDeleteVm } from "@/lib/vms/delete-vm";
import { onVm } from "./shared";

/** A new VM's disk needs space in its pool, its NIC the use of its network (when given). */
function creationNeeds(input: {
  hostId: string;
  disk?: { mode: string; pool?: string };
  network?: string;
}): Need[] {
  const needs: Need[] = [];
  if (input.disk?.mode === "new" && input.disk.pool)
    needs.push({ privilege: "Datastore.AllocateSpace", on: pool(input.hostId, input.disk.pool) });
  if (input.network)
    needs.push({ privilege: "Network.Use", on: network(input.hostId, input.network) });
  return needs;
}

const onHostOfInput = { on: "host", target: (i: { hostId: string }) => host(i.hostId) } as const;

export const createVmOp = operation({
  name: "vm.create",
  summary:
    "Creates a VM from the wizard's fields (a new disk volume, a network), optionally started",
  input: createVmSchema,
  access: { privilege: "VM.Allocate", ...onHostOfInput, also: creationNeeds },
  audit: true,
  run: async (input, ctx) => {
    const hostName = ctx.target?.hostName ?? input.hostId;
    ctx.audit.target = `${input.name} on ${hostName}`;
    await requireAllowedPaths(ctx.access, input.hostId, createVmPaths(input));
    const create = await planCreateVm(input); // its refusals come before any task
    // Usually about a second (a volume, a definition, a start): the pages wait and open the new
    // VM; the task keeps the steps in the host's and the VM's history.
    const ran = await runTaskAsAsked(
      ctx,
      { kind: "vm.create", title: `Create ${input.name} on ${hostName}`, cancel: false },
      (run) => create(run).then(({ id }) => ({ vmId: id })),
    );
    if (isAcceptedTask(ran)) return ran;
    const vm = await getVm(ran.result.vmId);
    if (vm) ctx.audit.objectPath = displayPath({ kind: "vm", hostId: vm.hostId, uuid: vm.uuid });
    return { id: ran.result.vmId, vm, task: ran.task.id };
  },
});

export const previewVmXmlOp = operation({
  name: "vm.create.preview",
  summary: "The domain XML that create would define for these fields (same checks, nothing made)",
  input: createVmSchema,
  access: { privilege: "VM.Allocate", ...onHostOfInput, also: creationNeeds },
  audit: false,
  run: async (input, { access }) => {
    await requireAllowedPaths(access, input.hostId, createVmPaths(input));
    return previewCreateVm(input);
  },
});

export const checkVmStepOp = operation({
  name: "vm.create.check-step",
  summary:
    "Checks one step of the create wizard (its fields, with create's rules and host checks); nothing made",
  input: createVmStepSchema,
  access: { privilege: "VM.Allocate", ...onHostOfInput, also: creationNeeds },
  audit: false,
  run: async (input, { access }) => {
    const paths = createVmPaths({
      source: input.step === "source" ? input.source : undefined,
      disk: input.step === "disk" ? input.disk : undefined,
    });
    await requireAllowedPaths(access, input.hostId, paths);
    await checkCreateStep(input);
    return { step: input.step };
  },
});

export const createVmOptionsOp = operation({
  name: "vm.create.options",
  summary: "What the create wizard offers on a host: systems, networks, pools, KVM and UEFI",
  input: z.object({ hostId: z.string().min(1).max(64) }),
  access: { privilege: "VM.Allocate", ...onHostOfInput },
  audit: false,
  run: async ({ hostId }, { access }) => optionsFor(await readCreateVmOptions(hostId), access),
});

export const cloneVmOp = operation({
  name: "vm.clone",
  summary: "Clones a shut-off VM as a task: full copies of its volumes, new UUID and MACs",
  input: cloneVmSchema,
  access: {
    privilege: "VM.Allocate",
    ...onVm,
    also: async (input, target) => {
      if (target.object.kind !== "vm") return [];
      const { hostId } = target.object;
      const pools = [...new Set((await diskPools(input.id)).map((d) => d.pool))];
      return [
        { privilege: "VM.Allocate", on: host(hostId) },
        ...pools.map((p) => ({
          privilege: "Datastore.AllocateSpace" as const,
          on: pool(hostId, p),
        })),
      ];
    },
  },
  audit: true,
  run: async (input, ctx) => {
    const from = ctx.target?.vm?.name ?? input.id;
    ctx.audit.target = `${ctx.target?.label ?? input.id} as ${input.name}`;
    const plan = await planClone(input);
    const cancel = "stops after the disk copy under way and deletes what was copied";
    return startTask(
      ctx,
      { kind: "vm.clone", title: `Clone ${from} as ${input.name}`, cancel },
      (task) => plan.run(task).then(({ id }) => ({ vmId: id })),
    );
  },
});

export const deleteVmOp = operation({
  name: "vm.delete",
  summary: "Undefines the VM (snapshots, NVRAM too) and deletes the chosen volumes of its own",
  input: deleteVmSchema,
  access: {
    privilege: "VM.Allocate",
    ...onVm,
    also: async (input, target) => {
      if (target.object.kind !== "vm" || input.volumes.length === 0) return [];
      const { hostId } = target.object;
      const wanted = new Set(input.volumes);
      const pools = (await diskPools(input.id))
        .filter((d) => wanted.has(d.path))
        .map((d) => d.pool);
      return [...new Set(pools)].map((p) => ({
        privilege: "Datastore.AllocateSpace" as const,
        on: pool(hostId, p),
      }));
    },
  },
  audit: true,
  run: async (input, ctx) => {
    const remove = await planDeleteVm(input);
    const forget = async ({ uuid }: { uuid: string }) => {
      await forgetVmAccess(uuid);
      await forgetVmHistory(uuid);
    };
    if (input.volumes.length === 0) {
      await remove(() => {}).then(forget);
      return { id: input.id };
    }
    // With its volumes, a task: each deleted volume is a line of it.
    ctx.audit.detail = `volumes: ${input.volumes.join(", ")}`;
    const title = `Delete ${ctx.target?.vm?.name ?? input.id} and ${input.volumes.length} volume(s)`;
    const ran = await runTaskAsAsked(ctx, { kind: "vm.delete", title, cancel: false }, (run) =>
      remove(run.log).then(async (gone) => {
        await forget(gone);
        return gone;
      }),
    );
    return isAcceptedTask(ran) ? ran : { id: input.id, task: ran.task.id };
  },
});
