import type { ReactNode, SelectHTMLAttributes } from "react";
import { FieldNote, fieldNoteRef } from "./field-note";

/** A labelled select; the label names the select alone (not its options). */
export function SelectField({
  label,
  id,
  error,
  hint,
  children,
  ...props
}: SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  id: string;
  /** Its validation message, announced as Field's is. */
  error?: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-zinc-700 dark:text-zinc-300">
        {label}
      </label>
      <select
        id={id}
        {...fieldNoteRef(id, error, hint)}
        className="rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm aria-invalid:border-red-500 dark:border-zinc-700 dark:bg-zinc-900"
        {...props}
      >
        {children}
      </select>
      <FieldNote id={id} error={error} hint={hint} />
    </div>
  );
}
