import type { InputHTMLAttributes } from "react";
import { FieldNote, fieldNoteRef } from "./field-note";

/** A labelled input with its validation message; the message is announced to screen readers. */
export function Field({
  label,
  name,
  error,
  hint,
  ...props
}: InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  name: string;
  error?: string;
  hint?: string;
}) {
  const id = `field-${name}`;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-zinc-700 dark:text-zinc-300">
        {label}
      </label>
      <input
        id={id}
        name={name}
        {...fieldNoteRef(id, error, hint)}
        className="rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm shadow-sm outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 aria-invalid:border-red-500 dark:border-zinc-700 dark:bg-zinc-900"
        {...props}
      />
      <FieldNote id={id} error={error} hint={hint} />
    </div>
  );
}
