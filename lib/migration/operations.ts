// Migrating a VM to another host: VM.Migrate on the VM, VM.Allocate on the target host (the VM
// is created there), and space in the target's pool when its disks are copied.

import type { Need } from "@/lib/access/operation";
import { operation } from "@/lib/access/operation";
import { host, pool, vm } from "@/lib/access/targets";
import { AppError } from "@/lib/errors";
import { getHost, setMaintenance } from "@/lib/hosts/store";
import {
  evacuateHostSchema,
  migrateManySchema,
  migrateVmSchema,
  migrationCheckSchema,
} from "@/lib/schemas/migration";
import { startTask } from "@/lib/tasks/run-task";
import { hostOf, onVm } from "@/lib/vms/operations/shared";
import { candidateHosts, migrateMany, vmsById, vmsToEvacuate } from "./migrate-many";
import { migrationTask, runMigration } from "./migrate-vm";
import { preflight } from "./preflight";

/** What the target side needs: the VM defined there, its disks copied into the pool. */
function targetNeeds(input: {
  target?: string | undefined;
  storage: string;
  pool?: string;
}): Need[] {
  if (!input.target) return [];
  return [
    { privilege: "VM.Allocate", on: host(input.target), because: "the VM is defined there" },
    ...(input.storage === "copy" && input.pool
      ? [
          {
            privilege: "Datastore.AllocateSpace" as const,
            on: pool(input.target, input.pool),
            because: "the disks are copied there",
          },
        ]
      : []),
  ];
}

/** VM.Migrate on the VM, plus what the target side needs (the guard test reads this name). */
const privilegeToMigrate = {
  privilege: "VM.Migrate" as const,
  ...onVm,
  also: targetNeeds,
};

/**
 * VM.Migrate on the host (its VMs are below it), Host.Modify when it is put in maintenance, and
 * the target's needs when a target is chosen; with none, each VM only goes where the caller may
 * put it (VM.Allocate), and a VM with a grant that takes VM.Migrate away is skipped.
 */
const privilegeToEvacuate = {
  privilege: "VM.Migrate" as const,
  on: "host" as const,
  target: (input: { id: string }) => host(input.id),
  also: (input: {
    id: string;
    maintenance: boolean;
    target?: string;
    storage: string;
    pool?: string;
  }) => [
    ...(input.maintenance
      ? [
          {
            privilege: "Host.Modify" as const,
            on: host(input.id),
            because: "it is put in maintenance",
          },
        ]
      : []),
    ...targetNeeds(input),
  ],
};

/** VM.Allocate on the target host, and VM.Migrate on every VM chosen. */
const privilegeToMigrateMany = {
  privilege: "VM.Allocate" as const,
  on: "host" as const,
  target: (input: { target: string }) => host(input.target),
  also: (input: { ids: string[]; target: string; storage: string; pool?: string }) => [
    ...input.ids.map((id) => ({ privilege: "VM.Migrate" as const, on: vm(id) })),
    ...targetNeeds(input).slice(1),
  ],
};

export const migrationCheckOp = operation({
  name: "vm.migrate-check",
  summary:
    "The pre-flight checks of a migration with these choices, each in words; changes nothing",
  input: migrationCheckSchema,
  access: privilegeToMigrate,
  audit: false,
  run: async (input) => {
    const { checks, plan, choices } = await preflight(input);
    return { ok: plan !== null, checks, choices };
  },
});

export const migrateVmOp = operation({
  name: "vm.migrate",
  summary:
    "Migrates the VM to another host as a task (live when it runs); refused when a pre-flight check fails",
  input: migrateVmSchema,
  access: privilegeToMigrate,
  audit: true,
  run: async (input, ctx) => {
    const from = hostOf(ctx.target);
    const { checks, plan } = await preflight(input);
    ctx.audit.detail = `to ${input.target}, storage ${input.storage}${input.pool ? ` into ${input.pool}` : ""}`;
    if (!plan) {
      const failed = checks.filter((c) => !c.ok);
      throw new AppError("conflict", failed.map((c) => `${c.name}: ${c.detail}`).join("; "));
    }
    ctx.audit.detail = `from ${plan.source.name} to ${plan.target.name}, storage ${input.storage}`;
    return startTask(ctx, migrationTask(plan, input, from), (task) =>
      runMigration(plan, input, task),
    );
  },
});

export const evacuateHostOp = operation({
  name: "host.evacuate",
  summary:
    "Migrates every running VM (and the shut-off ones if asked) off a host as one task with a child task per VM, N at a time: each to the chosen host or to the one with the most free memory that passes the pre-flight checks",
  input: evacuateHostSchema,
  access: privilegeToEvacuate,
  audit: true,
  run: async (input, ctx) => {
    const source = await getHost(input.id);
    if (input.target === source.id)
      throw new AppError("invalid", "target: the VMs cannot stay on the host being evacuated");
    const targets = input.target ? [input.target] : await candidateHosts(source.id, ctx.access);
    if (targets.length === 0)
      throw new AppError(
        "conflict",
        "No other host can take the VMs: every other host is offline, in maintenance, or not yours to fill (VM.Allocate)",
      );
    if (input.maintenance && !source.maintenance) await setMaintenance(source.id, true);
    const vms = await vmsToEvacuate(source.id, input.includeStopped);
    ctx.audit.detail = `${vms.length} VM(s) to ${input.target ? targets[0] : "the hosts with the most free memory"}, ${input.concurrency} at a time`;
    return startTask(
      ctx,
      {
        kind: "host.evacuate",
        title: `Evacuate ${source.name}`,
        cancel: "starts no more migrations and aborts the ones under way (those VMs stay here)",
      },
      (task) =>
        migrateMany(task, {
          vms,
          targets,
          options: input,
          concurrency: input.concurrency,
          access: ctx.access,
        }),
    );
  },
});

export const migrateManyOp = operation({
  name: "vm.migrate-many",
  summary:
    "Migrates several VMs to one host as one task with a child task per VM, N at a time (live for running VMs)",
  input: migrateManySchema,
  access: privilegeToMigrateMany,
  audit: true,
  run: async (input, ctx) => {
    const target = await getHost(input.target);
    const vms = await vmsById(input.ids);
    ctx.audit.detail = `${vms.map((v) => v.name).join(", ")}; ${input.concurrency} at a time`;
    return startTask(
      ctx,
      {
        kind: "vm.migrate-many",
        title: `Migrate ${vms.length} VM${vms.length === 1 ? "" : "s"} to ${target.name}`,
        cancel:
          "starts no more migrations and aborts the ones under way (those VMs stay where they are)",
      },
      (task) =>
        migrateMany(task, {
          vms,
          targets: [target.id],
          options: input,
          concurrency: input.concurrency,
          access: ctx.access,
        }),
    );
  },
});
