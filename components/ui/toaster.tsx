"use client";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from "react";

/** One notification: "done" in the caller's words, or the server's own message. */
export interface Toast {
  /** Who posts it: a newer toast of the same key replaces the older (one per button or form). */
  key: string;
  ok: boolean;
  text: string;
}

interface Shown extends Toast {
  id: number;
}

/** Successes fade after a while; refusals stay longer, to be read (or dismissed, or replaced). */
const SUCCESS_MS = 12_000;
const REFUSAL_MS = 30_000;
const MAX_SHOWN = 4;

const ToastContext = createContext<{
  notify: (toast: Toast) => void;
  dismiss: (key: string) => void;
} | null>(null);

let nextId = 1;

/**
 * The notifications of every page, at the bottom right over the content: results never reflow
 * a table or a form. A toast's text carries its key as test id: "the outcome of this button".
 */
export function Toaster({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Shown[]>([]);
  const dismiss = useCallback(
    (key: string) => setToasts((all) => all.filter((t) => t.key !== key)),
    [],
  );
  const notify = useCallback(
    (toast: Toast) =>
      setToasts((all) =>
        [...all.filter((t) => t.key !== toast.key), { ...toast, id: nextId++ }].slice(-MAX_SHOWN),
      ),
    [],
  );
  return (
    <ToastContext.Provider value={{ notify, dismiss }}>
      {children}
      <section
        aria-label="Notifications"
        className="pointer-events-none fixed right-4 bottom-4 z-50 flex w-96 max-w-[calc(100vw-2rem)] flex-col gap-2"
      >
        {toasts.map((t) => (
          <ToastCard key={t.id} toast={t} dismiss={dismiss} />
        ))}
      </section>
    </ToastContext.Provider>
  );
}

function ToastCard({ toast, dismiss }: { toast: Shown; dismiss: (key: string) => void }) {
  const { ok, key } = toast;
  useEffect(() => {
    const t = setTimeout(() => dismiss(key), ok ? SUCCESS_MS : REFUSAL_MS);
    return () => clearTimeout(t);
  }, [ok, key, dismiss]);
  return (
    <div
      role={toast.ok ? "status" : "alert"}
      className={`pointer-events-auto flex items-start gap-3 rounded-lg border bg-white px-4 py-3 text-sm shadow-lg dark:bg-zinc-900 ${
        toast.ok
          ? "border-emerald-300 text-emerald-800 dark:border-emerald-800 dark:text-emerald-300"
          : "border-red-300 text-red-700 dark:border-red-800 dark:text-red-300"
      }`}
    >
      <span data-testid={toast.key} className="min-w-0 flex-1 [overflow-wrap:break-word]">
        {toast.text}
      </span>
      <button
        type="button"
        onClick={() => dismiss(key)}
        aria-label="Dismiss notification"
        className="-mr-1 rounded px-1 text-zinc-500 hover:text-zinc-900 dark:hover:text-zinc-100"
      >
        ×
      </button>
    </div>
  );
}

export function useToast() {
  const context = useContext(ToastContext);
  if (!context) throw new Error("useToast outside <Toaster>");
  return context;
}
