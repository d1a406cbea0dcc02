// Migrating a VM to another host: VM.Migrate on the VM, VM.Allocate on the target host (the VM
// is created there), and space in the target's pool when its disks are copied.
import { operation } from "@/lib/access/operation";
import { host, pool } from "@/lib/access/targets";
import { AppError } from "@/lib/errors";
import { migrateVmSchema, migrationCheckSchema } from "@/lib/schemas/migration";
import { startTask } from "@/lib/tasks/run-task";
import { hostOf, onVm } from "@/lib/vms/operations/shared";
import { runMigration } from "./migrate-vm";
import { preflight } from "./preflight";

/** VM.Migrate on the VM, plus what the target side needs (the guard test reads this name). */
const privilegeToMigrate = {
  privilege: "VM.Migrate" as const,
  ...onVm,
  also: (input: { target: string; storage: string; pool?: string }) => [
    {
      privilege: "VM.Allocate" as const,
      on: host(input.target),
      because: "the VM is defined there",
    },
    ...(input.storage === "copy" && input.pool
      ? [
          {
            privilege: "Datastore.AllocateSpace" as const,
            on: pool(input.target, input.pool),
            because: "the disks are copied there",
          },
        ]
      : []),
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
    return startTask(
      ctx,
      {
        kind: "vm.migrate",
        title: `Migrate ${plan.vm.name} to ${plan.target.name}`,
        cancel: true,
        facts: { from, to: plan.target.id },
      },
      (task) => runMigration(plan, input, task),
    );
  },
});
