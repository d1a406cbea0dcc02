import type { ReactNode } from "react";

/**
 * The settings and audit lists' table: a labelled table with small grey column headings and
 * divided rows. A column heading of "" is an unlabelled one (the row's buttons); `false` or
 * `null` leaves the column out (one only some callers show).
 */
export function Table({
  label,
  columns,
  alignTop = false,
  busy,
  className = "",
  children,
}: {
  label: string;
  columns: (string | false | null)[];
  alignTop?: boolean;
  busy?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <table
      className={`w-full text-left text-sm ${className}`.trim()}
      aria-label={label}
      aria-busy={busy}
    >
      <thead className="text-xs text-zinc-500">
        <tr>
          {columns.map((c, i) =>
            c === false || c === null ? null : (
              // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed per table
              <th key={i} className="py-1 pr-3">
                {c}
              </th>
            ),
          )}
        </tr>
      </thead>
      <tbody
        className={`divide-y divide-zinc-200 dark:divide-zinc-800${alignTop ? " align-top" : ""}`}
      >
        {children}
      </tbody>
    </table>
  );
}
