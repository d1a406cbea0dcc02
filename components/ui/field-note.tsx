/**
 * What stands under a form control: its validation message (announced to screen readers) or,
 * without one, its hint. The control points at it with `fieldNoteRef`.
 */
export function FieldNote({ id, error, hint }: { id: string; error?: string; hint?: string }) {
  if (error)
    return (
      <p id={`${id}-error`} role="alert" className="text-sm text-red-600 dark:text-red-400">
        {error}
      </p>
    );
  if (hint)
    return (
      <p id={`${id}-hint`} className="text-xs text-zinc-500 dark:text-zinc-400">
        {hint}
      </p>
    );
  return null;
}

/** The control's aria-invalid and aria-describedby for its FieldNote. */
export function fieldNoteRef(id: string, error?: string, hint?: string) {
  return {
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? `${id}-error` : hint ? `${id}-hint` : undefined,
  } as const;
}
