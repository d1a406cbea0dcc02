"use client";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { LINK } from "@/components/ui/link-style";
import { Table } from "@/components/ui/table";
import { formatUtc } from "@/lib/format";
import { type AuditFilter, type AuditPage, auditQuery, useAuditPage } from "@/lib/queries/audit";

const INPUT =
  "rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900";

const OUTCOME_STYLE: Record<string, string> = {
  ok: "text-emerald-700 dark:text-emerald-400",
  refused: "text-amber-700 dark:text-amber-400",
  error: "text-red-700 dark:text-red-400",
};

/** datetime-local → ISO with the browser's offset (the API takes any ISO time). */
function toIso(local: string): string | undefined {
  return local ? new Date(local).toISOString() : undefined;
}

export function AuditLog({ initial }: { initial: AuditPage }) {
  const [draft, setDraft] = useState({
    user: "",
    action: "",
    object: "",
    outcome: "",
    from: "",
    to: "",
  });
  const [filter, setFilter] = useState<AuditFilter>({});
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const { data, isFetching, error } = useAuditPage(filter, cursor, initial);
  const apply = () => {
    const next: AuditFilter = {};
    for (const k of ["user", "action", "object", "outcome"] as const)
      if (draft[k]) next[k] = draft[k];
    const from = toIso(draft.from);
    const to = toIso(draft.to);
    if (from) next.from = from;
    if (to) next.to = to;
    setFilter(next);
    setCursors([null]);
  };
  const field = (k: keyof typeof draft, label: string, type = "text") => (
    <label className="flex flex-col gap-1 text-sm font-medium">
      {label}
      <input
        type={type}
        className={INPUT}
        value={draft[k]}
        onChange={(e) => setDraft({ ...draft, [k]: e.target.value })}
      />
    </label>
  );
  return (
    <div className="flex flex-col gap-4">
      <form
        aria-label="Filter the audit log"
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        {field("user", "User")}
        {field("action", "Action (prefix)")}
        {field("object", "Object or path")}
        <label className="flex flex-col gap-1 text-sm font-medium">
          Outcome
          <select
            className={INPUT}
            value={draft.outcome}
            onChange={(e) => setDraft({ ...draft, outcome: e.target.value })}
          >
            <option value="">any</option>
            <option value="ok">ok</option>
            <option value="refused">refused</option>
            <option value="error">error</option>
          </select>
        </label>
        {field("from", "From", "datetime-local")}
        {field("to", "To", "datetime-local")}
        <Button type="submit">Filter</Button>
        <a
          href={`/api/v1/audit/export?${auditQuery(filter)}`}
          className={`pb-2 text-sm font-medium ${LINK}`}
          download
        >
          Export CSV
        </a>
      </form>
      {error ? (
        <p role="alert" className="text-sm text-red-600">
          {(error as Error).message}
        </p>
      ) : null}
      <Table
        label="Audit log"
        columns={["When (UTC)", "User", "Address", "Action", "Object", "Outcome", "Detail"]}
        alignTop
        busy={isFetching}
      >
        {(data?.rows ?? []).map((r) => (
          <tr key={r.id} data-testid="audit-row">
            <td className="py-1.5 pr-3 whitespace-nowrap font-mono text-xs">{formatUtc(r.at)}</td>
            <td className="py-1.5 pr-3">{r.username}</td>
            <td className="py-1.5 pr-3 font-mono text-xs" title={r.userAgent ?? undefined}>
              {r.clientAddress ?? ""}
            </td>
            <td className="py-1.5 pr-3 font-mono text-xs">{r.action}</td>
            <td className="py-1.5 pr-3">
              {r.link ? (
                <Link href={r.link} className={LINK}>
                  {r.target}
                </Link>
              ) : (
                r.target
              )}
            </td>
            <td className={`py-1.5 pr-3 ${OUTCOME_STYLE[r.outcome] ?? ""}`}>{r.outcome}</td>
            <td className="whitespace-pre-line py-1.5 text-xs text-zinc-600 dark:text-zinc-400">
              {r.detail}
            </td>
          </tr>
        ))}
      </Table>
      {data?.rows.length === 0 ? <p className="text-sm text-zinc-500">No rows match.</p> : null}
      <div className="flex gap-2">
        <Button
          variant="secondary"
          disabled={cursors.length <= 1}
          onClick={() => setCursors(cursors.slice(0, -1))}
        >
          ← Newer
        </Button>
        <Button
          variant="secondary"
          disabled={!data?.next}
          onClick={() => data?.next && setCursors([...cursors, data.next])}
        >
          Older →
        </Button>
      </div>
    </div>
  );
}
