import type { ReactNode } from "react";

/** What a page shows when there is nothing (yet): an honest sentence, never placeholder data. */
export function EmptyState({
  title,
  children,
  action,
}: {
  title: string;
  children: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="flex flex-col items-center justify-center rounded-lg border border-dashed border-zinc-300 px-6 py-14 text-center dark:border-zinc-700">
      <h2 className="text-base font-semibold">{title}</h2>
      <div className="mt-2 max-w-md text-sm text-zinc-600 dark:text-zinc-400">{children}</div>
      {action ? <div className="mt-5">{action}</div> : null}
    </div>
  );
}
