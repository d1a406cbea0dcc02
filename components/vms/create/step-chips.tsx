"use client";
import { WIZARD_STEPS } from "./wizard-steps";

/** The wizard's steps as one line of chips: short labels, the current one marked. */
export function StepChips({
  step,
  onStep,
  disabled,
}: {
  step: number;
  onStep: (i: number) => void;
  disabled: boolean;
}) {
  return (
    <ol aria-label="Steps" className="flex flex-wrap gap-1.5 text-xs lg:flex-nowrap">
      {WIZARD_STEPS.map((s, i) => (
        <li key={s.id} className="shrink-0">
          <button
            type="button"
            title={s.title}
            disabled={disabled}
            aria-current={i === step ? "step" : undefined}
            className={`whitespace-nowrap rounded-full px-2.5 py-1 ${i === step ? "bg-indigo-600 text-white" : i < step ? "bg-indigo-50 text-indigo-800 dark:bg-indigo-500/15 dark:text-indigo-200" : "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"}`}
            onClick={() => onStep(i)}
          >
            {i + 1}. {s.chip}
          </button>
        </li>
      ))}
    </ol>
  );
}
