"use client";
import { type RefObject, useEffect } from "react";
import type { VmFilterState } from "./vm-filters";

const SELECT =
  "rounded-md border border-zinc-300 bg-white px-2 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900";

export function VmTableToolbar({
  filters,
  onChange,
  hosts,
  states,
  tags,
  searchRef,
}: {
  filters: VmFilterState;
  onChange: (next: Partial<VmFilterState>) => void;
  hosts: { id: string; name: string }[];
  states: string[];
  tags: string[];
  searchRef: RefObject<HTMLInputElement | null>;
}) {
  // "/" jumps to the search box, as in most operator consoles.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing =
        e.target instanceof HTMLInputElement ||
        e.target instanceof HTMLTextAreaElement ||
        e.target instanceof HTMLSelectElement;
      if (e.key === "/" && !typing) {
        e.preventDefault();
        searchRef.current?.focus();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [searchRef]);

  return (
    <div className="flex flex-wrap items-center gap-2">
      <input
        ref={searchRef}
        type="search"
        aria-label="Search VMs"
        placeholder="Search name, IP, MAC, tag, UUID  ( / )"
        value={filters.q}
        onChange={(e) => onChange({ q: e.target.value })}
        className="min-w-64 flex-1 rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
      />
      <select
        aria-label="Filter by host"
        className={SELECT}
        value={filters.host}
        onChange={(e) => onChange({ host: e.target.value })}
      >
        <option value="">All hosts</option>
        {hosts.map((h) => (
          <option key={h.id} value={h.id}>
            {h.name}
          </option>
        ))}
      </select>
      <select
        aria-label="Filter by state"
        className={SELECT}
        value={filters.state}
        onChange={(e) => onChange({ state: e.target.value })}
      >
        <option value="">All states</option>
        {states.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <select
        aria-label="Filter by tag"
        className={SELECT}
        value={filters.tag}
        onChange={(e) => onChange({ tag: e.target.value })}
      >
        <option value="">All tags</option>
        {tags.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
    </div>
  );
}
