"use client";
// A host without a storage pool: the Disk step offers to make libvirt's usual directory pool in
// place (through the pool-create operation, as the Storage page does) and then offers it, the
// wizard's input untouched.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useRun } from "@/components/ui/use-run";
import { createPoolAction } from "@/lib/actions/storage";
import { createVmOptionsAction } from "@/lib/actions/vm-allocate";
import { useCan } from "@/lib/queries/access";
import type { CreateVmOptions } from "@/lib/vms/create-options";

export function PoolOffer({
  hostId,
  onCreated,
}: {
  hostId: string;
  onCreated: (options: CreateVmOptions, pool: string) => void;
}) {
  const can = useCan();
  const { run, pending } = useRun("pool-offer-outcome");
  const [name, setName] = useState("default");
  const [path, setPath] = useState("/var/lib/libvirt/images");
  if (!can("Datastore.Allocate", { kind: "host", hostId }))
    return (
      <p className="text-sm" data-testid="no-pool">
        This host has no storage pool for a new disk. Creating one needs Datastore.Allocate on the
        host: ask an administrator, or choose an existing volume or no disk.
      </p>
    );
  const create = () =>
    run(
      async () => {
        const made = await createPoolAction({ hostId, type: "dir", name, path });
        if (!made.ok) return made;
        const options = await createVmOptionsAction({ hostId });
        return options.ok ? { ok: true as const, data: { options: options.data } } : options;
      },
      `Pool ${name} created and started.`,
      ({ options }) => onCreated(options, name),
    );
  return (
    <section
      aria-label="Create a storage pool"
      data-testid="no-pool"
      className="flex flex-col gap-3 rounded-md border border-amber-300 bg-amber-50 p-4 dark:border-amber-500/40 dark:bg-amber-500/10"
    >
      <p className="text-sm">
        This host has no storage pool to make the new disk in. Create a directory pool here (it
        starts at once and at every boot), then choose it.
      </p>
      <div className="grid gap-3 sm:grid-cols-[12rem_1fr]">
        <Field
          label="Pool name"
          name="newPool.name"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <Field
          label="Directory"
          name="newPool.path"
          value={path}
          onChange={(e) => setPath(e.target.value)}
        />
      </div>
      <div className="flex items-center gap-3">
        <Button variant="secondary" onClick={create} disabled={pending}>
          {pending ? "Creating pool…" : "Create pool"}
        </Button>
      </div>
    </section>
  );
}
