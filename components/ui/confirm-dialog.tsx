"use client";
import { type ReactNode, useEffect, useRef } from "react";
import { Button } from "./button";

/**
 * A modal confirmation for destructive actions, on the native <dialog> (focus trap, Esc to
 * cancel). `refusal`: why the server will refuse the action, when the page already knows; the
 * dialog then says so and offers no button for it. A dialog that starts something long and not
 * destructive (a migration) is `tone="primary"`, may be `wide`, and keeps its confirm button off
 * until the choices are checked (`confirmDisabled`).
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  busy,
  refusal,
  onConfirm,
  onCancel,
  tone = "danger",
  wide = false,
  confirmDisabled = false,
  started = false,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busy?: boolean;
  refusal?: ReactNode;
  onConfirm: () => void;
  onCancel: () => void;
  tone?: "danger" | "primary";
  wide?: boolean;
  confirmDisabled?: boolean;
  /** The action runs as a task the dialog now follows: only Close (closing stops nothing). */
  started?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      onCancel={onCancel}
      className={`m-auto w-full ${wide ? "max-w-2xl" : "max-w-md"} rounded-lg border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100`}
    >
      <div className="p-5">
        <h2 className="text-base font-semibold">{title}</h2>
        <div className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{children}</div>
        {refusal ? (
          <p
            data-testid="confirm-refusal"
            className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-500/10 dark:text-red-300"
          >
            {refusal}
          </p>
        ) : null}
      </div>
      <div className="flex justify-end gap-2 border-t border-zinc-200 px-5 py-3 dark:border-zinc-700">
        <Button variant="secondary" onClick={onCancel} disabled={busy && !started}>
          {refusal || started ? "Close" : "Cancel"}
        </Button>
        {refusal || started ? null : (
          <Button variant={tone} onClick={onConfirm} disabled={busy || confirmDisabled}>
            {busy ? "Working…" : confirmLabel}
          </Button>
        )}
      </div>
    </dialog>
  );
}
