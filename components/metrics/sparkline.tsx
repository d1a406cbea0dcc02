/** A VM's recent CPU (0–100 %) as a small line; a missing value breaks the line. */
export function Sparkline({ values, label }: { values: (number | null)[]; label: string }) {
  const w = 56;
  const h = 16;
  const n = Math.max(values.length, 24);
  const segments: string[] = [];
  let run: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (run.length) segments.push(run.join(" "));
      run = [];
      return;
    }
    const x = ((n - values.length + i) / (n - 1)) * w;
    const y = h - 1 - (Math.min(100, Math.max(0, v)) / 100) * (h - 2);
    run.push(`${x.toFixed(1)},${y.toFixed(1)}`);
  });
  if (run.length) segments.push(run.join(" "));
  return (
    <svg
      width={w}
      height={h}
      viewBox={`0 0 ${w} ${h}`}
      role="img"
      aria-label={label}
      className="shrink-0"
    >
      <line
        x1="0"
        y1={h - 0.5}
        x2={w}
        y2={h - 0.5}
        className="stroke-zinc-200 dark:stroke-zinc-700"
      />
      {segments.map((points) => (
        <polyline
          key={points}
          points={points}
          fill="none"
          strokeWidth="1.5"
          className="stroke-indigo-500 dark:stroke-indigo-400"
        />
      ))}
    </svg>
  );
}
