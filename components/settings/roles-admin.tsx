"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { Table } from "@/components/ui/table";
import { useRun } from "@/components/ui/use-run";
import { PRIVILEGE_GROUPS, type Privilege } from "@/lib/access/privileges";
import type { RoleRow } from "@/lib/access/roles";
import { createRoleAction, deleteRoleAction, updateRoleAction } from "@/lib/actions/access";

/** The privileges, grouped by the objects they are granted on, as checkboxes. */
function PrivilegePicker({
  value,
  onChange,
}: {
  value: Privilege[];
  onChange: (next: Privilege[]) => void;
}) {
  return (
    <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
      {Object.entries(PRIVILEGE_GROUPS).map(([group, privs]) => (
        <fieldset key={group} className="flex flex-col gap-1">
          <legend className="text-xs font-semibold uppercase text-zinc-500">{group}</legend>
          {Object.entries(privs).map(([p, about]) => (
            <label key={p} className="flex items-start gap-1.5 text-sm" title={about}>
              <input
                type="checkbox"
                className="mt-1"
                checked={value.includes(p as Privilege)}
                onChange={(e) =>
                  onChange(
                    e.target.checked ? [...value, p as Privilege] : value.filter((x) => x !== p),
                  )
                }
              />
              <span>
                <code className="text-xs">{p}</code>
                <span className="block text-xs text-zinc-500">{about}</span>
              </span>
            </label>
          ))}
        </fieldset>
      ))}
    </div>
  );
}

export function RolesAdmin({ roles, mayEdit }: { roles: RoleRow[]; mayEdit: boolean }) {
  const router = useRouter();
  const { run, pending } = useRun("role-outcome");
  const [form, setForm] = useState<{
    name: string;
    description: string;
    privileges: Privilege[];
    editing: boolean;
  } | null>(null);
  const [deleting, setDeleting] = useState<RoleRow | null>(null);
  const save = () => {
    if (!form) return;
    const input = { name: form.name, description: form.description, privileges: form.privileges };
    run(
      () => (form.editing ? updateRoleAction(input) : createRoleAction(input)),
      `Role ${form.name} saved`,
      () => {
        setForm(null);
        router.refresh();
      },
    );
  };
  return (
    <div className="grid gap-4">
      <Card
        title="Roles"
        actions={
          mayEdit && !form ? (
            <Button
              onClick={() => setForm({ name: "", description: "", privileges: [], editing: false })}
            >
              New role
            </Button>
          ) : null
        }
      >
        {form ? (
          <form
            aria-label={form.editing ? `Edit role ${form.name}` : "Create role"}
            className="mb-4 flex flex-col gap-3 rounded-md border border-zinc-200 p-4 dark:border-zinc-800"
            onSubmit={(e) => {
              e.preventDefault();
              save();
            }}
          >
            <div className="grid gap-3 sm:grid-cols-2">
              <Field
                label="Name"
                name="role-name"
                value={form.name}
                readOnly={form.editing}
                onChange={(e) => setForm({ ...form, name: e.target.value })}
                required
              />
              <Field
                label="Description"
                name="role-description"
                value={form.description}
                onChange={(e) => setForm({ ...form, description: e.target.value })}
              />
            </div>
            <PrivilegePicker
              value={form.privileges}
              onChange={(privileges) => setForm({ ...form, privileges })}
            />
            <div className="flex gap-2">
              <Button type="submit" disabled={pending}>
                Save role
              </Button>
              <Button variant="secondary" onClick={() => setForm(null)}>
                Cancel
              </Button>
            </div>
          </form>
        ) : null}
        <Table label="Roles" columns={["Role", "Privileges", "Grants", ""]} alignTop>
          {roles.map((r) => (
            <tr key={r.name} data-testid="role-row">
              <td className="py-2 pr-3">
                <strong>{r.name}</strong>
                {r.builtin ? <span className="ml-2 text-xs text-zinc-500">built-in</span> : null}
                <span className="block text-xs text-zinc-500">{r.description}</span>
              </td>
              <td className="py-2 pr-3">
                <span className="font-mono text-xs">
                  {r.privileges.length ? r.privileges.join(" ") : "none"}
                </span>
              </td>
              <td className="py-2">{r.grants}</td>
              <td className="py-2 text-right whitespace-nowrap">
                {mayEdit && !r.builtin ? (
                  <>
                    <Button
                      variant="ghost"
                      onClick={() =>
                        setForm({
                          name: r.name,
                          description: r.description,
                          privileges: r.privileges,
                          editing: true,
                        })
                      }
                    >
                      Edit
                    </Button>
                    <Button variant="ghost" onClick={() => setDeleting(r)}>
                      Delete
                    </Button>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </Table>
      </Card>
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete the role ${deleting?.name ?? ""}?`}
        confirmLabel="Delete role"
        busy={pending}
        onConfirm={() =>
          deleting &&
          run(
            () => deleteRoleAction({ name: deleting.name }),
            `Deleted ${deleting.name}`,
            () => {
              setDeleting(null);
              router.refresh();
            },
          )
        }
        onCancel={() => setDeleting(null)}
      >
        A role that is still granted somewhere is not deleted: revoke those grants first.
      </ConfirmDialog>
    </div>
  );
}
