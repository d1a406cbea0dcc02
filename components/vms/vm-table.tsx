"use client";
import Link from "next/link";
import { useCallback, useMemo, useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toaster";
import { migrateManyAction } from "@/lib/actions/migration";
import { vmBulkAction } from "@/lib/actions/vms";
import { filterVms } from "@/lib/inventory/filter-vms";
import type { HostSummary, VmListItem } from "@/lib/inventory/summaries";
import { useUsageNow } from "@/lib/queries/metrics";
import { useVmList } from "@/lib/queries/vms";
import { MigrateManyDialog } from "./migrate-many-dialog";
import { StateBadge } from "./state-badge";
import { UsageCells, WIDE_ONLY } from "./usage-cells";
import { VmActionButtons } from "./vm-action-buttons";
import {
  allTags,
  countByState,
  INITIAL_FILTERS,
  type SortKey,
  sortVms,
  type VmFilterState,
} from "./vm-filters";
import { VmTableToolbar } from "./vm-table-toolbar";

const PAGE_SIZE = 100;
const COLUMNS: { key: SortKey | null; label: string; wideOnly?: boolean }[] = [
  { key: "name", label: "Name" },
  { key: "host", label: "Host" },
  { key: "state", label: "State" },
  { key: "cpu", label: "CPU" },
  { key: "memUsed", label: "Memory" },
  { key: "disk", label: "Disk", wideOnly: true },
  { key: "net", label: "Network", wideOnly: true },
  { key: null, label: "IP addresses" },
  { key: null, label: "Tags" },
  { key: null, label: "Actions" },
];

export function VmTable({ initialVms, hosts }: { initialVms: VmListItem[]; hosts: HostSummary[] }) {
  const { data: vms } = useVmList(initialVms);
  const { data: usage } = useUsageNow();
  const usageOf = useCallback((vm: VmListItem) => usage?.vms[vm.uuid]?.sample, [usage]);
  const [filters, setFilters] = useState<VmFilterState>(INITIAL_FILTERS);
  const [page, setPage] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [forgetting, setForgetting] = useState(false);
  const [migrating, setMigrating] = useState(false);
  const { notify } = useToast();
  const [pending, startTransition] = useTransition();
  const searchRef = useRef<HTMLInputElement>(null);

  const shown = useMemo(
    () =>
      sortVms(
        filterVms(vms, {
          q: filters.q || undefined,
          host: filters.host || undefined,
          state: (filters.state || undefined) as never,
          tag: filters.tag || undefined,
        }),
        filters.sort,
        filters.desc,
        usageOf,
      ),
    // Sorted by usage, rows move as the usage does (a round every few seconds).
    [vms, filters, usageOf],
  );
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const rows = shown.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);
  const change = (next: Partial<VmFilterState>) => {
    setFilters((f) => ({ ...f, ...next }));
    setPage(0);
  };
  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      n.has(id) ? n.delete(id) : n.add(id);
      return n;
    });
  const allOnPage = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const selectedGone = vms.filter((v) => v.gone && selected.has(v.id)).map((v) => v.id);
  const selectedHere = vms.filter((v) => !v.gone && selected.has(v.id));
  const bulk = (action: "start" | "shutdown" | "forget", ids = [...selected]) =>
    startTransition(async () => {
      setForgetting(false);
      const key = "vm-bulk-outcome";
      const result = await vmBulkAction({ ids, action });
      if (!result.ok) return notify({ key, ok: false, text: result.error });
      const { done, failed } = result.data;
      const verb = { start: "started", shutdown: "asked to shut down", forget: "forgotten" }[
        action
      ];
      notify({
        key,
        ok: failed.length === 0,
        text: `${done} ${verb}${failed.length ? `, ${failed.length} failed: ${failed.map((f) => f.error).join("; ")}` : ""}`,
      });
      setSelected(new Set());
    });

  return (
    <div className="flex flex-col gap-4">
      <VmTableToolbar
        filters={filters}
        onChange={change}
        hosts={hosts}
        states={countByState(vms).map(([s]) => s)}
        tags={allTags(vms)}
        searchRef={searchRef}
      />
      <div className="flex flex-wrap items-center gap-3 text-sm text-zinc-600 dark:text-zinc-400">
        <span data-testid="vm-count">
          {shown.length === vms.length
            ? `${vms.length} VM${vms.length === 1 ? "" : "s"}`
            : `${shown.length} of ${vms.length} VM${vms.length === 1 ? "" : "s"}`}
        </span>
        {countByState(shown).map(([state, n]) => (
          <span key={state}>
            {n} {state}
          </span>
        ))}
        {selected.size > 0 ? (
          <span className="ml-auto flex items-center gap-2">
            {selected.size} selected
            <Button disabled={pending} onClick={() => bulk("start")}>
              Start selected
            </Button>
            <Button variant="secondary" disabled={pending} onClick={() => bulk("shutdown")}>
              Shut down selected
            </Button>
            {selectedHere.length > 0 ? (
              <Button variant="secondary" disabled={pending} onClick={() => setMigrating(true)}>
                Migrate selected…
              </Button>
            ) : null}
            {selectedGone.length > 0 ? (
              <Button variant="danger" disabled={pending} onClick={() => setForgetting(true)}>
                Forget {selectedGone.length} gone
              </Button>
            ) : null}
          </span>
        ) : null}
      </div>
      <ConfirmDialog
        open={forgetting}
        title={`Forget ${selectedGone.length} gone VM${selectedGone.length === 1 ? "" : "s"}?`}
        confirmLabel="Forget"
        busy={pending}
        onConfirm={() => bulk("forget", selectedGone)}
        onCancel={() => setForgetting(false)}
      >
        They are no longer on their hosts. Virtdeck removes them from the inventory with their tags
        and notes; the other selected VMs are left alone.
      </ConfirmDialog>
      <MigrateManyDialog
        open={migrating}
        title={`Migrate ${selectedHere.length} VM${selectedHere.length === 1 ? "" : "s"}`}
        confirmLabel="Migrate"
        intro={
          <>
            {selectedHere.map((v) => v.name).join(", ")}: the running ones live, the shut-off ones
            by moving their definitions. One task, with a task per VM.
          </>
        }
        exclude={
          // A target that already holds every chosen VM would move none of them.
          [...new Set(selectedHere.map((v) => v.hostId))].length === 1
            ? [selectedHere[0]?.hostId ?? ""]
            : []
        }
        allowAuto={false}
        onStart={(c) =>
          migrateManyAction({
            ids: selectedHere.map((v) => v.id),
            target: c.target,
            storage: c.storage,
            pool: c.storage === "copy" ? c.pool : undefined,
            concurrency: c.concurrency,
          })
        }
        onClose={() => {
          setMigrating(false);
          setSelected(new Set());
        }}
      />
      <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <table className="w-full text-left text-sm" aria-label="Virtual machines">
          <thead className="border-b border-zinc-200 text-xs uppercase text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
            <tr>
              <th className="w-8 px-3 py-2">
                <input
                  type="checkbox"
                  aria-label="Select all on this page"
                  checked={allOnPage}
                  onChange={() =>
                    setSelected((s) => {
                      const n = new Set(s);
                      for (const r of rows) allOnPage ? n.delete(r.id) : n.add(r.id);
                      return n;
                    })
                  }
                />
              </th>
              {COLUMNS.map((c) => (
                <th
                  key={c.label}
                  className={`px-3 py-2 font-medium ${c.wideOnly ? WIDE_ONLY : ""}`}
                  aria-sort={
                    c.key && filters.sort === c.key
                      ? filters.desc
                        ? "descending"
                        : "ascending"
                      : undefined
                  }
                >
                  {c.key ? (
                    <button
                      type="button"
                      className="uppercase hover:text-zinc-900 dark:hover:text-zinc-100"
                      onClick={() =>
                        change({
                          sort: c.key!,
                          desc: filters.sort === c.key ? !filters.desc : false,
                        })
                      }
                    >
                      {c.label} {filters.sort === c.key ? (filters.desc ? "↓" : "↑") : ""}
                    </button>
                  ) : (
                    c.label
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {rows.map((vm) => (
              <tr
                key={vm.id}
                data-testid="vm-row"
                data-vm-name={vm.name}
                className="hover:bg-zinc-50 dark:hover:bg-zinc-800/50"
              >
                <td className="px-3 py-2">
                  <input
                    type="checkbox"
                    aria-label={`Select ${vm.name}`}
                    checked={selected.has(vm.id)}
                    onChange={() => toggle(vm.id)}
                  />
                </td>
                <td className="px-3 py-2 font-medium whitespace-nowrap">
                  <Link
                    href={`/vms/${vm.id}`}
                    className="text-indigo-700 hover:underline dark:text-indigo-300"
                  >
                    {vm.name}
                  </Link>
                </td>
                <td className="px-3 py-2 whitespace-nowrap">{vm.hostName}</td>
                <td className="px-3 py-2">
                  <StateBadge state={vm.state} reason={vm.stateReason} />
                </td>
                <UsageCells vm={vm} now={usage?.vms[vm.uuid]} />
                <td className="px-3 py-2 font-mono text-xs">
                  {vm.nics.flatMap((n) => n.ips).join(", ") || "—"}
                </td>
                <td className="px-3 py-2">
                  {vm.tags.map((t) => (
                    <span
                      key={t}
                      className="mr-1 rounded bg-zinc-100 px-1.5 py-0.5 text-xs dark:bg-zinc-800"
                    >
                      {t}
                    </span>
                  ))}
                </td>
                <td className="min-w-56 px-3 py-2">
                  {vm.gone ? (
                    <span className="text-xs text-zinc-500">gone from host</span>
                  ) : (
                    <VmActionButtons vm={vm} compact />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 ? (
          <p className="p-6 text-center text-sm text-zinc-500">No VM matches these filters.</p>
        ) : null}
      </div>
      {pages > 1 ? (
        <nav aria-label="Pages" className="flex items-center gap-2 text-sm">
          <Button variant="secondary" disabled={current === 0} onClick={() => setPage(current - 1)}>
            Previous
          </Button>
          <span>
            Page {current + 1} of {pages}
          </span>
          <Button
            variant="secondary"
            disabled={current >= pages - 1}
            onClick={() => setPage(current + 1)}
          >
            Next
          </Button>
        </nav>
      ) : null}
    </div>
  );
}
