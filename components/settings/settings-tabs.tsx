"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { Privilege } from "@/lib/access/privileges";
import { ROOT, useCan } from "@/lib/queries/access";

/** Tabs of the settings area; the ones for administrators only where the user may use them. */
const TABS: { href: string; label: string; needs?: Privilege }[] = [
  { href: "/settings", label: "My account" },
  { href: "/settings/users", label: "Users", needs: "User.Modify" },
  { href: "/settings/groups", label: "Groups", needs: "User.Modify" },
  { href: "/settings/roles", label: "Roles" },
  { href: "/settings/permissions", label: "Permissions" },
  { href: "/settings/vm-groups", label: "VM groups" },
  { href: "/settings/sessions", label: "All sessions and tokens", needs: "User.Modify" },
];

export function SettingsTabs() {
  const pathname = usePathname();
  const can = useCan();
  return (
    <nav
      aria-label="Settings"
      className="mb-6 flex flex-wrap gap-1 border-b border-zinc-200 dark:border-zinc-800"
    >
      {TABS.filter((t) => !t.needs || can(t.needs, ROOT)).map((t) => {
        const active = pathname === t.href;
        return (
          <Link
            key={t.href}
            href={t.href}
            aria-current={active ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${
              active
                ? "border-indigo-600 text-indigo-700 dark:border-indigo-400 dark:text-indigo-300"
                : "border-transparent text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
            }`}
          >
            {t.label}
          </Link>
        );
      })}
    </nav>
  );
}
