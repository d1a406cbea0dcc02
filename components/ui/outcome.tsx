/** The result of the last button press: "done" or libvirt's own words. */
export function Outcome({
  value,
  testId,
}: {
  value: { ok: boolean; text: string } | null;
  testId: string;
}) {
  if (!value) return null;
  return (
    <span
      role={value.ok ? "status" : "alert"}
      data-testid={testId}
      className={`text-sm ${value.ok ? "text-emerald-700 dark:text-emerald-400" : "text-red-600 dark:text-red-400"}`}
    >
      {value.text}
    </span>
  );
}
