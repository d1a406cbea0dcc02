"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Outcome } from "@/components/ui/outcome";
import { useRun } from "@/components/ui/use-run";
import type { UserRow } from "@/lib/access/users";
import {
  createUserAction,
  deleteUserAction,
  resetPasswordAction,
  updateUserAction,
} from "@/lib/actions/access";
import { formatUtc } from "@/lib/format";
import { CheckList } from "./check-list";
import { OneTimePassword } from "./one-time-password";

type Group = { id: string; name: string };

function CreateUser({ groups, onCreated }: { groups: Group[]; onCreated: () => void }) {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [mustChange, setMustChange] = useState(true);
  const [member, setMember] = useState<string[]>([]);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const [oneTime, setOneTime] = useState<{ user: string; password: string } | null>(null);
  const { run, outcome, pending } = useRun();
  const submit = () =>
    run(
      async () => {
        const r = await createUserAction({
          username,
          password,
          mustChangePassword: mustChange,
          groups: member,
        });
        setFieldErrors(r.ok ? {} : (r.fieldErrors ?? {}));
        setError(r.ok || r.fieldErrors ? null : r.error);
        return r;
      },
      (data) => `Created ${data.user.username}`,
      (data) => {
        if (data.oneTimePassword)
          setOneTime({ user: data.user.username, password: data.oneTimePassword });
        setUsername("");
        setPassword("");
        setMember([]);
        onCreated();
      },
    );
  return (
    <Card title="Create a user">
      <form
        aria-label="Create user"
        className="grid gap-3 sm:grid-cols-2"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Field
          label="Username"
          name="username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          required
          error={fieldErrors.username?.[0]}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          hint="Empty: a one-time password is generated and shown once"
          error={fieldErrors.password?.[0]}
        />
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={mustChange}
            onChange={(e) => setMustChange(e.target.checked)}
          />
          Must choose a new password at first sign-in
        </label>
        {groups.length > 0 ? (
          <CheckList
            label="Groups"
            options={groups.map((g) => ({ value: g.id, label: g.name }))}
            value={member}
            onChange={setMember}
          />
        ) : null}
        <div className="sm:col-span-2">
          <Button type="submit" disabled={pending}>
            {pending ? "Creating…" : "Create user"}
          </Button>
        </div>
      </form>
      <FormError message={error} />
      <Outcome value={outcome} testId="create-user-outcome" />
      {oneTime ? <OneTimePassword user={oneTime.user} password={oneTime.password} /> : null}
    </Card>
  );
}

export function UsersAdmin({
  users,
  groups,
  me,
}: {
  users: UserRow[];
  groups: Group[];
  me: string;
}) {
  const router = useRouter();
  const { run, outcome, pending } = useRun();
  const [deleting, setDeleting] = useState<UserRow | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [editGroups, setEditGroups] = useState<string[]>([]);
  const [reset, setReset] = useState<{ user: string; password: string } | null>(null);
  const refresh = () => router.refresh();
  return (
    <div className="grid gap-4">
      <CreateUser groups={groups} onCreated={refresh} />
      <Card title="Users">
        <Outcome value={outcome} testId="user-outcome" />
        {reset ? <OneTimePassword user={reset.user} password={reset.password} /> : null}
        <table className="mt-2 w-full text-left text-sm" aria-label="Users">
          <thead className="text-xs text-zinc-500">
            <tr>
              <th className="py-1">User</th>
              <th className="py-1">Groups</th>
              <th className="py-1">Last seen (UTC)</th>
              <th className="py-1">Tokens</th>
              <th className="py-1" />
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {users.map((u) => (
              <tr key={u.id} data-testid="user-row" data-username={u.username}>
                <td className="py-2">
                  <strong>{u.username}</strong>
                  {u.disabled ? (
                    <span className="ml-2 rounded bg-zinc-200 px-1.5 py-0.5 text-xs dark:bg-zinc-700">
                      disabled
                    </span>
                  ) : null}
                  {u.mustChangePassword ? (
                    <span className="ml-2 text-xs text-amber-700 dark:text-amber-400">
                      one-time password
                    </span>
                  ) : null}
                </td>
                <td className="py-2">
                  {editing === u.id ? (
                    <div className="flex flex-col gap-2">
                      <CheckList
                        label={`Groups of ${u.username}`}
                        options={groups.map((g) => ({ value: g.id, label: g.name }))}
                        value={editGroups}
                        onChange={setEditGroups}
                      />
                      <div className="flex gap-2">
                        <Button
                          disabled={pending}
                          onClick={() =>
                            run(
                              () => updateUserAction({ id: u.id, groups: editGroups }),
                              `Groups of ${u.username} saved`,
                              () => {
                                setEditing(null);
                                refresh();
                              },
                            )
                          }
                        >
                          Save groups
                        </Button>
                        <Button variant="secondary" onClick={() => setEditing(null)}>
                          Cancel
                        </Button>
                      </div>
                    </div>
                  ) : (
                    <button
                      type="button"
                      className="text-left hover:underline"
                      aria-label={`Edit groups of ${u.username}`}
                      onClick={() => {
                        setEditing(u.id);
                        setEditGroups(u.groups.map((g) => g.id));
                      }}
                    >
                      {u.groups.map((g) => g.name).join(", ") || "—"}
                    </button>
                  )}
                </td>
                <td className="py-2">{u.lastSeenAt ? formatUtc(u.lastSeenAt) : "never"}</td>
                <td className="py-2">{u.tokens}</td>
                <td className="py-2 text-right whitespace-nowrap">
                  {u.id === me ? (
                    <span className="text-xs text-zinc-500">you</span>
                  ) : (
                    <>
                      <Button
                        variant="ghost"
                        disabled={pending}
                        onClick={() =>
                          run(
                            () => updateUserAction({ id: u.id, disabled: !u.disabled }),
                            `${u.username} ${u.disabled ? "enabled" : "disabled"}`,
                            refresh,
                          )
                        }
                      >
                        {u.disabled ? "Enable" : "Disable"}
                      </Button>
                      <Button
                        variant="ghost"
                        disabled={pending}
                        onClick={() =>
                          run(
                            () => resetPasswordAction({ id: u.id }),
                            `New one-time password for ${u.username}`,
                            (d) => setReset({ user: u.username, password: d.oneTimePassword }),
                          )
                        }
                      >
                        Reset password
                      </Button>
                      <Button variant="ghost" onClick={() => setDeleting(u)}>
                        Delete
                      </Button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete ${deleting?.username ?? "user"}?`}
        confirmLabel="Delete user"
        busy={pending}
        onConfirm={() =>
          deleting &&
          run(
            () => deleteUserAction({ id: deleting.id }),
            `Deleted ${deleting.username}`,
            () => {
              setDeleting(null);
              refresh();
            },
          )
        }
        onCancel={() => setDeleting(null)}
      >
        Their sessions, API tokens, group memberships and grants are deleted with them. The audit
        log keeps their name.
      </ConfirmDialog>
    </div>
  );
}
