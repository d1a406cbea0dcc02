"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { LINK } from "@/components/ui/link-style";
import { useRun } from "@/components/ui/use-run";
import type { GrantChoices } from "@/lib/access/grant-choices";
import type { VmGroupRow } from "@/lib/access/vm-groups";
import {
  addVmToGroupAction,
  createVmGroupAction,
  deleteVmGroupAction,
  removeVmFromGroupAction,
} from "@/lib/actions/access";
import { NamedCreateForm } from "./named-create-form";

const SELECT =
  "rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900";

/**
 * VM groups: grant a role on a group (Permissions) and it reaches the group's VMs. Membership
 * changes need Permissions.Modify on the group and on the VM; tags never carry grants.
 */
export function VmGroupsAdmin({
  groups,
  vms,
  mayCreate,
}: {
  groups: (VmGroupRow & { mayChange: boolean })[];
  vms: GrantChoices["vms"];
  mayCreate: boolean;
}) {
  const router = useRouter();
  const { run, pending } = useRun("vm-group-outcome");
  const [adding, setAdding] = useState<Record<string, string>>({});
  const [deleting, setDeleting] = useState<string | null>(null);
  const refresh = () => router.refresh();
  return (
    <div className="grid gap-4">
      {mayCreate ? (
        <NamedCreateForm
          title="Create a VM group"
          formLabel="Create VM group"
          idPrefix="vm-group"
          pending={pending}
          onCreate={(input, reset) =>
            run(
              () => createVmGroupAction(input),
              `Created ${input.name}`,
              () => {
                reset();
                refresh();
              },
            )
          }
        />
      ) : null}
      <Card title="VM groups">
        {groups.length === 0 ? (
          <p className="text-sm text-zinc-500">
            No VM groups. A VM group collects VMs (across hosts) so that one grant on /groups/name
            reaches all of them.
          </p>
        ) : (
          <ul
            className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800"
            aria-label="VM groups"
          >
            {groups.map((g) => (
              <li key={g.id} className="flex flex-col gap-2 py-3" data-testid="vm-group-row">
                <div className="flex items-center justify-between">
                  <span>
                    <strong>{g.name}</strong>
                    {g.description ? (
                      <span className="ml-2 text-zinc-500">{g.description}</span>
                    ) : null}
                    <code className="ml-2 text-xs text-zinc-500">/groups/{g.name}</code>
                  </span>
                  {mayCreate ? (
                    <Button variant="ghost" onClick={() => setDeleting(g.name)}>
                      Delete
                    </Button>
                  ) : null}
                </div>
                <ul className="flex flex-wrap gap-2">
                  {g.members.map((m) => (
                    <li
                      key={m.uuid}
                      className="flex items-center gap-1 rounded bg-zinc-100 px-2 py-0.5 dark:bg-zinc-800"
                    >
                      <Link href={`/vms/${m.vm?.id}`} className={LINK}>
                        {m.vm?.name}
                      </Link>
                      <span className="text-xs text-zinc-500">on {m.vm?.hostName}</span>
                      {g.mayChange && m.vm ? (
                        <button
                          type="button"
                          className="ml-1 text-xs text-red-600"
                          aria-label={`Take ${m.vm.name} out of ${g.name}`}
                          onClick={() =>
                            run(
                              () => removeVmFromGroupAction({ name: g.name, vmId: m.vm!.id }),
                              `${m.vm!.name} left ${g.name}`,
                              refresh,
                            )
                          }
                        >
                          ✕
                        </button>
                      ) : null}
                    </li>
                  ))}
                  {g.members.length === 0 ? (
                    <li className="text-zinc-500">no VMs you can see</li>
                  ) : null}
                </ul>
                {g.mayChange ? (
                  <div className="flex items-center gap-2">
                    <select
                      aria-label={`VM to add to ${g.name}`}
                      className={SELECT}
                      value={adding[g.name] ?? ""}
                      onChange={(e) => setAdding({ ...adding, [g.name]: e.target.value })}
                    >
                      <option value="">Add a VM…</option>
                      {vms.map((v) => (
                        <option key={v.id} value={v.id}>
                          {v.name} on {v.hostName}
                        </option>
                      ))}
                    </select>
                    <Button
                      variant="secondary"
                      disabled={pending || !adding[g.name]}
                      onClick={() =>
                        run(
                          () => addVmToGroupAction({ name: g.name, vmId: adding[g.name]! }),
                          `Added to ${g.name}`,
                          refresh,
                        )
                      }
                    >
                      Add
                    </Button>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete the VM group ${deleting ?? ""}?`}
        confirmLabel="Delete VM group"
        busy={pending}
        onConfirm={() =>
          deleting &&
          run(
            () => deleteVmGroupAction({ name: deleting }),
            `Deleted ${deleting}`,
            () => {
              setDeleting(null);
              refresh();
            },
          )
        }
        onCancel={() => setDeleting(null)}
      >
        The grants on the group go with it; its VMs stay as they are, in no group.
      </ConfirmDialog>
    </div>
  );
}
