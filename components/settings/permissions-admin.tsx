"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { LINK } from "@/components/ui/link-style";
import { SelectField } from "@/components/ui/select-field";
import { Table } from "@/components/ui/table";
import { useRun } from "@/components/ui/use-run";
import type { AclRow } from "@/lib/access/acl";
import type { Explanation } from "@/lib/access/explain";
import type { GrantChoices } from "@/lib/access/grant-choices";
import { explainAction, explainMineAction, grantAction, revokeAction } from "@/lib/actions/access";
import { PathPicker } from "./path-picker";

type Row = Omit<AclRow, "object">;
type SubjectType = "user" | "group" | "token";

function GrantForm({ choices, onDone }: { choices: GrantChoices; onDone: () => void }) {
  const [path, setPath] = useState("/");
  const [subjectType, setSubjectType] = useState<SubjectType>("user");
  const subjects =
    subjectType === "user"
      ? choices.users
      : subjectType === "group"
        ? choices.groups
        : choices.tokens;
  const [subjectId, setSubjectId] = useState(choices.users[0]?.id ?? "");
  const [role, setRole] = useState(
    choices.roles.includes("VMUser") ? "VMUser" : (choices.roles[0] ?? ""),
  );
  const [propagate, setPropagate] = useState(true);
  const { run, pending } = useRun("grant-outcome");
  return (
    <form
      aria-label="Grant a role"
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        run(
          () => grantAction({ path, subjectType, subjectId, role, propagate }),
          (d) => `Granted ${role} to ${d.granted.subject} on ${d.granted.path}`,
          onDone,
        );
      }}
    >
      <PathPicker choices={choices} onChange={setPath} idPrefix="grant" />
      <div className="flex flex-wrap items-end gap-2">
        <SelectField
          label="To"
          id="grant-to"
          value={subjectType}
          onChange={(e) => {
            const t = e.target.value as SubjectType;
            setSubjectType(t);
            const list =
              t === "user" ? choices.users : t === "group" ? choices.groups : choices.tokens;
            setSubjectId(list[0]?.id ?? "");
          }}
        >
          <option value="user">user</option>
          <option value="group">group</option>
          <option value="token">API token</option>
        </SelectField>
        <SelectField
          label="Who"
          id="grant-who"
          value={subjectId}
          onChange={(e) => setSubjectId(e.target.value)}
        >
          {subjects.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Role"
          id="grant-role"
          value={role}
          onChange={(e) => setRole(e.target.value)}
        >
          {choices.roles.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </SelectField>
        <label className="flex items-center gap-1.5 pb-2 text-sm">
          <input
            type="checkbox"
            checked={propagate}
            onChange={(e) => setPropagate(e.target.checked)}
          />
          Propagate to what is below
        </label>
        <Button type="submit" disabled={pending || !subjectId}>
          Grant
        </Button>
      </div>
    </form>
  );
}

function Effective({ choices, me }: { choices: GrantChoices; me: { id: string; name: string } }) {
  const [path, setPath] = useState("/");
  const [who, setWho] = useState(`user:${me.id}`);
  const [result, setResult] = useState<Explanation | null>(null);
  const { run, pending } = useRun("effective-outcome");
  const people = [
    { value: `user:${me.id}`, label: `${me.name} (you)` },
    ...choices.users
      .filter((u) => u.id !== me.id)
      .map((u) => ({ value: `user:${u.id}`, label: u.name })),
    ...choices.tokens.map((t) => ({ value: `token:${t.id}`, label: `token ${t.name}` })),
  ];
  const explain = () => {
    const [type, id] = who.split(":") as ["user" | "token", string];
    run(
      () =>
        type === "user" && id === me.id
          ? explainMineAction({ path })
          : explainAction({ subjectType: type, subjectId: id, path }),
      "",
      setResult,
    );
  };
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end gap-2">
        <SelectField
          label="For"
          id="explain-for"
          value={who}
          onChange={(e) => setWho(e.target.value)}
        >
          {people.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </SelectField>
        <PathPicker choices={choices} onChange={setPath} idPrefix="explain" />
        <Button onClick={explain} disabled={pending}>
          Show
        </Button>
      </div>
      {result ? (
        <div data-testid="effective-permissions">
          <p className="mb-2 text-sm">
            <strong>{result.subject}</strong> on {result.label}{" "}
            <code className="text-xs">{result.path}</code>:{" "}
            {result.privileges.length === 0
              ? "no privileges."
              : `${result.privileges.length} privileges.`}
          </p>
          {result.privileges.length > 0 ? (
            <Table label="Effective permissions" columns={["Privilege", "Given by"]}>
              {result.privileges.map((p) => (
                <tr key={p.privilege} data-testid="effective-row">
                  <td className="py-1.5 pr-3 font-mono text-xs">{p.privilege}</td>
                  <td className="py-1.5">
                    {p.grants.map((g) => (
                      <span key={`${g.role}-${g.path}-${g.subject}`} className="mr-3 inline-block">
                        {g.role} to {g.subject} on <code className="text-xs">{g.path}</code>
                        {g.via === "vm-group" ? " (through its VM group)" : ""}
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </Table>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

export function PermissionsAdmin({
  acl,
  choices,
  me,
  mayGrant,
}: {
  acl: Row[];
  choices: GrantChoices;
  me: { id: string; name: string };
  mayGrant: boolean;
}) {
  const router = useRouter();
  const { run, pending } = useRun("acl-outcome");
  const [revoking, setRevoking] = useState<Row | null>(null);
  return (
    <div className="grid gap-4">
      {mayGrant ? (
        <Card title="Grant a role">
          <GrantForm choices={choices} onDone={() => router.refresh()} />
        </Card>
      ) : null}
      <Card title="Permissions">
        {acl.length === 0 ? (
          <p className="text-sm text-zinc-500">
            No grants you may change. Ask an administrator to grant what you need.
          </p>
        ) : (
          <Table label="Permissions" columns={["On", "Who", "Role", "Propagates", ""]}>
            {acl.map((e) => (
              <tr key={e.id} data-testid="acl-row">
                <td className="py-2 pr-3">
                  {e.link ? (
                    <Link href={e.link} className={LINK}>
                      {e.label}
                    </Link>
                  ) : (
                    e.label
                  )}
                  <code className="block text-xs text-zinc-500">{e.path}</code>
                </td>
                <td className="py-2 pr-3">
                  <span className="text-xs text-zinc-500">{e.subjectType}</span> {e.subjectName}
                </td>
                <td className="py-2 pr-3">{e.role}</td>
                <td className="py-2 pr-3">{e.propagate ? "yes" : "no"}</td>
                <td className="py-2 text-right">
                  {mayGrant ? (
                    <Button
                      variant="ghost"
                      aria-label={`Revoke ${e.role} of ${e.subjectName} on ${e.path}`}
                      onClick={() => setRevoking(e)}
                    >
                      Revoke
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
      <Card title="Effective permissions">
        <Effective choices={choices} me={me} />
      </Card>
      <ConfirmDialog
        open={revoking !== null}
        title="Revoke this grant?"
        confirmLabel="Revoke"
        busy={pending}
        onConfirm={() =>
          revoking &&
          run(
            () => revokeAction({ id: revoking.id }),
            `Revoked ${revoking.role} of ${revoking.subjectName} on ${revoking.path}`,
            () => {
              setRevoking(null);
              router.refresh();
            },
          )
        }
        onCancel={() => setRevoking(null)}
      >
        {revoking
          ? `${revoking.subjectName} loses ${revoking.role} on ${revoking.label}; open pages and lists follow at once.`
          : null}
      </ConfirmDialog>
    </div>
  );
}
