"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { Privilege } from "@/lib/access/privileges";
import { ROOT, useCan } from "@/lib/queries/access";

const NAV: { href: string; label: string; icon: string; needs?: Privilege }[] = [
  { href: "/", label: "Overview", icon: "◎" },
  { href: "/hosts", label: "Hosts", icon: "▤" },
  { href: "/vms", label: "Virtual machines", icon: "▣" },
  { href: "/networks", label: "Networks", icon: "⇄" },
  { href: "/storage", label: "Storage", icon: "◫" },
  { href: "/audit", label: "Audit log", icon: "☰", needs: "Sys.Audit" },
  { href: "/settings", label: "Settings", icon: "⚙" },
];

export function Sidebar() {
  const pathname = usePathname();
  const can = useCan();
  return (
    <nav aria-label="Main" className="flex flex-col gap-1 p-3">
      {NAV.filter((item) => !item.needs || can(item.needs, ROOT)).map((item) => {
        const active = item.href === "/" ? pathname === "/" : pathname.startsWith(item.href);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={`flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium ${
              active
                ? "bg-indigo-50 text-indigo-700 dark:bg-indigo-500/15 dark:text-indigo-300"
                : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
            }`}
          >
            <span aria-hidden className="w-4 text-center">
              {item.icon}
            </span>
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
