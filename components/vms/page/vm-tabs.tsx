"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

/** The VM page's sections, each its own address (deep links; the browser's back works). */
const TABS = [
  { path: "", label: "Summary", whenGone: true },
  { path: "/metrics", label: "Metrics", whenGone: false },
  { path: "/console", label: "Console", whenGone: false },
  { path: "/hardware", label: "Hardware", whenGone: true },
  { path: "/snapshots", label: "Snapshots", whenGone: false },
  { path: "/options", label: "Options", whenGone: false },
  { path: "/history", label: "History", whenGone: true },
] as const;

export function VmTabs({ vmId, gone }: { vmId: string; gone: boolean }) {
  const pathname = usePathname();
  const base = `/vms/${vmId}`;
  const current = TABS.filter((t) => t.path)
    .map((t) => t.path)
    .find((p) => pathname === base + p || pathname.startsWith(`${base}${p}/`));
  return (
    <nav
      aria-label="VM sections"
      className="mb-5 flex gap-1 overflow-x-auto border-b border-zinc-200 dark:border-zinc-800"
    >
      {TABS.filter((t) => !gone || t.whenGone).map((t) => {
        const active = (current ?? "") === t.path;
        return (
          <Link
            key={t.label}
            href={base + t.path}
            aria-current={active ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap ${
              active
                ? "border-indigo-600 text-indigo-700 dark:border-indigo-400 dark:text-indigo-300"
                : "border-transparent text-zinc-600 hover:border-zinc-300 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
            }`}
          >
            {t.label}
          </Link>
        );
      })}
    </nav>
  );
}
