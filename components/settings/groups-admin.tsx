"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useRun } from "@/components/ui/use-run";
import type { GroupRow } from "@/lib/access/groups";
import { createGroupAction, deleteGroupAction, updateGroupAction } from "@/lib/actions/access";
import { CheckListEditor } from "./check-list";
import { NamedCreateForm } from "./named-create-form";
import { ProviderGroupEditor } from "./provider-group-editor";

/** Groups of users: a grant given to a group reaches every member. */
export function GroupsAdmin({
  groups,
  users,
}: {
  groups: GroupRow[];
  users: { id: string; username: string }[];
}) {
  const router = useRouter();
  const { run, pending } = useRun("group-outcome");
  const [editing, setEditing] = useState<string | null>(null);
  const [mapping, setMapping] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<GroupRow | null>(null);
  const refresh = () => router.refresh();
  return (
    <div className="grid gap-4">
      <NamedCreateForm
        title="Create a group"
        formLabel="Create group"
        idPrefix="group"
        pending={pending}
        onCreate={(input, reset) =>
          run(
            () => createGroupAction(input),
            `Created ${input.name}`,
            () => {
              reset();
              refresh();
            },
          )
        }
      />
      <Card title="Groups">
        {groups.length === 0 ? (
          <p className="text-sm text-zinc-500">No groups yet.</p>
        ) : (
          <ul className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800" aria-label="Groups">
            {groups.map((g) => (
              <li key={g.id} className="flex flex-col gap-2 py-3" data-testid="group-row">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span>
                    <strong>{g.name}</strong>
                    {g.description ? (
                      <span className="ml-2 text-zinc-500">{g.description}</span>
                    ) : null}
                    {g.providerGroup ? (
                      <span className="ml-2 text-zinc-500" data-testid="group-provider-group">
                        follows the identity-provider group <code>{g.providerGroup}</code>
                      </span>
                    ) : null}
                  </span>
                  <span className="flex gap-1">
                    <Button variant="ghost" onClick={() => setEditing(g.id)}>
                      Members
                    </Button>
                    <Button variant="ghost" onClick={() => setMapping(g.id)}>
                      Identity-provider group
                    </Button>
                    <Button variant="ghost" onClick={() => setDeleting(g)}>
                      Delete
                    </Button>
                  </span>
                </div>
                {mapping === g.id ? (
                  <ProviderGroupEditor
                    groupName={g.name}
                    initial={g.providerGroup}
                    pending={pending}
                    onSave={(providerGroup) =>
                      run(
                        () => updateGroupAction({ id: g.id, providerGroup }),
                        `Identity-provider group of ${g.name} saved`,
                        () => {
                          setMapping(null);
                          refresh();
                        },
                      )
                    }
                    onCancel={() => setMapping(null)}
                  />
                ) : null}
                {editing === g.id ? (
                  <CheckListEditor
                    label={`Members of ${g.name}`}
                    options={users.map((u) => ({ value: u.id, label: u.username }))}
                    initial={g.members.map((m) => m.id)}
                    saveLabel="Save members"
                    pending={pending}
                    onSave={(members) =>
                      run(
                        () => updateGroupAction({ id: g.id, members }),
                        `Members of ${g.name} saved`,
                        () => {
                          setEditing(null);
                          refresh();
                        },
                      )
                    }
                    onCancel={() => setEditing(null)}
                  />
                ) : (
                  <span className="text-zinc-600 dark:text-zinc-400">
                    {g.members.map((m) => m.username).join(", ") || "no members"}
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete the group ${deleting?.name ?? ""}?`}
        confirmLabel="Delete group"
        busy={pending}
        onConfirm={() =>
          deleting &&
          run(
            () => deleteGroupAction({ id: deleting.id }),
            `Deleted ${deleting.name}`,
            () => {
              setDeleting(null);
              refresh();
            },
          )
        }
        onCancel={() => setDeleting(null)}
      >
        Its members lose what was granted to the group; the users themselves stay.
      </ConfirmDialog>
    </div>
  );
}
