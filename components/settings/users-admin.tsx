"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Table } from "@/components/ui/table";
import { useRun } from "@/components/ui/use-run";
import type { UserRow } from "@/lib/access/users";
import {
  createUserAction,
  deleteUserAction,
  resetPasswordAction,
  updateUserAction,
} from "@/lib/actions/access";
import { resetSecondFactorsAction } from "@/lib/actions/auth";
import { formatUtc } from "@/lib/format";
import { CheckList, CheckListEditor } from "./check-list";
import { OneTimePassword } from "./one-time-password";

type Group = { id: string; name: string };
type Confirm = { kind: "disable" | "reset" | "factors" | "delete"; user: UserRow };

const CONFIRM = {
  disable: {
    title: "Disable",
    label: "Disable user",
    text: "Their sessions end at once and their API tokens are revoked for good; enabling them again later does not bring the tokens back.",
  },
  reset: {
    title: "Reset the password of",
    label: "Reset password",
    text: "They get a one-time password, shown here once, and must choose their own at the next sign-in; their sessions end.",
  },
  factors: {
    title: "Reset the second factors of",
    label: "Reset second factors",
    text: "Their TOTP, recovery codes and passkeys are removed (a lost phone or key). They sign in with the password alone, or set up a new factor at the next sign-in where the sign-in policy requires one.",
  },
  delete: {
    title: "Delete",
    label: "Delete user",
    text: "Their sessions, API tokens, group memberships and grants are deleted with them. The audit log keeps their name.",
  },
} as const;

function CreateUser({ groups, onCreated }: { groups: Group[]; onCreated: () => void }) {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [mustChange, setMustChange] = useState(true);
  const [member, setMember] = useState<string[]>([]);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const [oneTime, setOneTime] = useState<{ user: string; password: string } | null>(null);
  const { run, pending } = useRun("create-user-outcome");
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
        className="grid max-w-3xl gap-3 sm:grid-cols-2"
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
  const { run, pending } = useRun("user-outcome");
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [reset, setReset] = useState<{ user: string; password: string } | null>(null);
  const refresh = () => router.refresh();
  const done = () => {
    setConfirm(null);
    refresh();
  };
  const act = ({ kind, user }: Confirm) =>
    kind === "disable"
      ? run(
          () => updateUserAction({ id: user.id, disabled: true }),
          `${user.username} disabled`,
          done,
        )
      : kind === "reset"
        ? run(
            () => resetPasswordAction({ id: user.id }),
            `New one-time password for ${user.username}`,
            (d) => {
              setReset({ user: user.username, password: d.oneTimePassword });
              setConfirm(null);
            },
          )
        : kind === "factors"
          ? run(
              () => resetSecondFactorsAction({ id: user.id }),
              (d) =>
                d.removed.length
                  ? `Removed ${d.removed.join(", ")} of ${user.username}`
                  : `${user.username} had no second factor`,
              done,
            )
          : run(() => deleteUserAction({ id: user.id }), `Deleted ${user.username}`, done);
  return (
    <div className="grid gap-4">
      <CreateUser groups={groups} onCreated={refresh} />
      <Card title="Users">
        {reset ? <OneTimePassword user={reset.user} password={reset.password} /> : null}
        <Table
          label="Users"
          columns={["User", "Groups", "Second factor", "Last seen (UTC)", "Tokens", ""]}
          className="mt-2"
        >
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
                  <CheckListEditor
                    label={`Groups of ${u.username}`}
                    options={groups.map((g) => ({ value: g.id, label: g.name }))}
                    initial={u.groups.map((g) => g.id)}
                    saveLabel="Save groups"
                    pending={pending}
                    onSave={(groupIds) =>
                      run(
                        () => updateUserAction({ id: u.id, groups: groupIds }),
                        `Groups of ${u.username} saved`,
                        () => {
                          setEditing(null);
                          refresh();
                        },
                      )
                    }
                    onCancel={() => setEditing(null)}
                  />
                ) : (
                  <button
                    type="button"
                    className="text-left hover:underline"
                    aria-label={`Edit groups of ${u.username}`}
                    onClick={() => setEditing(u.id)}
                  >
                    {u.groups.map((g) => g.name).join(", ") || "—"}
                  </button>
                )}
              </td>
              <td className="py-2" data-testid="user-factors">
                {u.secondFactors || "—"}
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
                        u.disabled
                          ? run(
                              () => updateUserAction({ id: u.id, disabled: false }),
                              `${u.username} enabled`,
                              refresh,
                            )
                          : setConfirm({ kind: "disable", user: u })
                      }
                    >
                      {u.disabled ? "Enable" : "Disable"}
                    </Button>
                    <Button
                      variant="ghost"
                      disabled={pending}
                      onClick={() => setConfirm({ kind: "reset", user: u })}
                    >
                      Reset password
                    </Button>
                    {u.secondFactors ? (
                      <Button
                        variant="ghost"
                        disabled={pending}
                        onClick={() => setConfirm({ kind: "factors", user: u })}
                      >
                        Reset second factors
                      </Button>
                    ) : null}
                    <Button
                      variant="ghost"
                      className="text-red-600 dark:text-red-400"
                      onClick={() => setConfirm({ kind: "delete", user: u })}
                    >
                      Delete
                    </Button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </Table>
      </Card>
      <ConfirmDialog
        open={confirm !== null}
        title={confirm ? `${CONFIRM[confirm.kind].title} ${confirm.user.username}?` : ""}
        confirmLabel={confirm ? CONFIRM[confirm.kind].label : ""}
        busy={pending}
        onConfirm={() => confirm && act(confirm)}
        onCancel={() => setConfirm(null)}
      >
        {confirm ? CONFIRM[confirm.kind].text : null}
      </ConfirmDialog>
    </div>
  );
}
