import Link from "next/link";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { TaskPanel } from "@/components/tasks/task-panel";
import { Sidebar } from "./sidebar";
import { ThemeToggle } from "./theme-toggle";

/**
 * The frame of every signed-in page. `navigation={false}` drops the sidebar (a forced setup,
 * where every other page leads back here) while keeping the tree's shape, so the page inside
 * keeps its state when the setup completes and the sidebar appears.
 */
export function AppShell({
  username,
  navigation = true,
  children,
}: {
  username: string;
  navigation?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="flex min-h-screen">
      {navigation ? (
        <aside className="hidden w-60 shrink-0 border-r border-zinc-200 bg-white md:block dark:border-zinc-800 dark:bg-zinc-900">
          <Link
            href="/"
            className="flex h-14 items-center gap-2 border-b border-zinc-200 px-5 dark:border-zinc-800"
          >
            {/* biome-ignore lint/performance/noImgElement: a tiny static SVG */}
            <img src="/icon.svg" alt="" width={24} height={24} />
            <span className="text-lg font-semibold tracking-tight">Virtdeck</span>
          </Link>
          <Sidebar />
        </aside>
      ) : null}
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-14 items-center justify-end gap-3 border-b border-zinc-200 bg-white px-6 dark:border-zinc-800 dark:bg-zinc-900">
          <ThemeToggle />
          <span className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="signed-in-user">
            Signed in as <strong className="text-zinc-900 dark:text-zinc-100">{username}</strong>
          </span>
          <SignOutButton />
        </header>
        <main className="flex-1 p-6">{children}</main>
        {navigation ? <TaskPanel /> : null}
      </div>
    </div>
  );
}
