/** The palette's colours for a bar's fill: in progress, done, nearly full, full. */
export type BarTone = "indigo" | "emerald" | "amber" | "red";

const FILL: Record<BarTone, string> = {
  indigo: "bg-indigo-500 dark:bg-indigo-400",
  emerald: "bg-emerald-500 dark:bg-emerald-400",
  amber: "bg-amber-500 dark:bg-amber-400",
  red: "bg-red-500 dark:bg-red-400",
};

/**
 * One look for every bar (a pool's usage, an upload, a copy): a native <progress> or <meter>
 * cannot be styled the same across browsers, so this is a div with the ARIA role instead.
 * `percent` is clamped to 0–100.
 */
export function ProgressBar({
  percent,
  label,
  tone = "indigo",
  kind = "progressbar",
  testId,
}: {
  percent: number;
  label: string;
  tone?: BarTone;
  /** "meter" for a level (used space), "progressbar" for work under way. */
  kind?: "progressbar" | "meter";
  testId?: string;
}) {
  const value = Math.max(0, Math.min(100, Math.round(percent)));
  const track = "h-2 w-full overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-700";
  const fill = (
    <div
      className={`h-full rounded-full transition-[width] duration-300 ${FILL[tone]}`}
      style={{ width: `${value}%` }}
    />
  );
  return kind === "meter" ? (
    // biome-ignore lint/a11y/useSemanticElements: a native <meter> cannot be styled the same across browsers
    <div
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value}
      data-testid={testId}
      className={track}
    >
      {fill}
    </div>
  ) : (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value}
      data-testid={testId}
      className={track}
    >
      {fill}
    </div>
  );
}
