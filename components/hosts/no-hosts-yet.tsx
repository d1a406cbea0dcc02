import Link from "next/link";
import type { ReactNode } from "react";
import { EmptyState } from "@/components/ui/empty-state";

/** What pages that list things from hosts show before any host is added. */
export function NoHostsYet({ children }: { children: ReactNode }) {
  return (
    <EmptyState
      title="No hosts yet"
      action={
        <Link
          href="/hosts"
          className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-500"
        >
          Add a host
        </Link>
      }
    >
      {children}
    </EmptyState>
  );
}
