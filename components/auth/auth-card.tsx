import type { ReactNode } from "react";

export function AuthCard({
  title,
  children,
  note,
}: {
  title: string;
  children: ReactNode;
  note?: ReactNode;
}) {
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-center gap-2">
          {/* biome-ignore lint/performance/noImgElement: a tiny static SVG */}
          <img src="/icon.svg" alt="" width={32} height={32} />
          <span className="text-2xl font-semibold tracking-tight">Virtdeck</span>
        </div>
        <div className="rounded-lg border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
          <h1 className="mb-4 text-lg font-semibold">{title}</h1>
          {note ? (
            <div className="mb-4 text-sm text-zinc-600 dark:text-zinc-400">{note}</div>
          ) : null}
          {children}
        </div>
      </div>
    </main>
  );
}
