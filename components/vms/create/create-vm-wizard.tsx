"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { createVmAction, previewVmXmlAction } from "@/lib/actions/vm-allocate";
import type { CreateVmOptions } from "@/lib/vms/create-options";
import { Check } from "./inputs";
import { NameStep, OsStep, SourceStep, type StepProps } from "./steps-basic";
import { CpuStep, DiskStep, DisplayStep, NetworkStep } from "./steps-hardware";
import { initialState, toFields, type WizardState } from "./wizard-state";

const STEPS = [
  "Name and host",
  "Operating system",
  "Install source",
  "CPU, memory and firmware",
  "Disk",
  "Network",
  "Display and type",
  "Review",
] as const;

export function CreateVmWizard({
  options,
  hosts,
}: {
  options: CreateVmOptions;
  hosts: { id: string; name: string }[];
}) {
  const router = useRouter();
  const [step, setStep] = useState(0);
  const [state, setState] = useState<WizardState>(() => initialState(options));
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [error, setError] = useState<string | null>(null);
  const [xml, setXml] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const set = (patch: Partial<WizardState>) => setState((s) => ({ ...s, ...patch }));
  const props: StepProps = { state, set, options, errors };

  const showErrors = (result: { error: string; fieldErrors?: Record<string, string[]> }) => {
    const fields = Object.fromEntries(
      Object.entries(result.fieldErrors ?? {}).map(([k, v]) => [k, v[0]]),
    );
    setErrors(fields);
    setError(result.error);
  };

  const review = () =>
    startTransition(async () => {
      const result = await previewVmXmlAction(toFields(options.hostId, state));
      if (!result.ok) return showErrors(result);
      setErrors({});
      setError(null);
      setXml(result.data.xml);
      setStep(STEPS.length - 1);
    });

  const create = () =>
    startTransition(async () => {
      setError(null);
      const result = await createVmAction(toFields(options.hostId, state));
      if (!result.ok) return showErrors(result);
      router.push(`/vms/${result.data.id}`);
    });

  const next = () => (step === STEPS.length - 2 ? review() : setStep(step + 1));
  const onHost = (id: string) => router.push(`/vms/new?host=${encodeURIComponent(id)}`);

  return (
    <form
      aria-label="Create VM"
      className="flex max-w-3xl flex-col gap-5"
      onSubmit={(e) => {
        e.preventDefault();
        if (step === STEPS.length - 1) create();
        else next();
      }}
    >
      <ol className="flex flex-wrap gap-2 text-xs">
        {STEPS.map((label, i) => (
          <li key={label}>
            <button
              type="button"
              aria-current={i === step ? "step" : undefined}
              className={`rounded px-2 py-1 ${i === step ? "bg-indigo-600 text-white" : "bg-zinc-100 dark:bg-zinc-800"}`}
              onClick={() => (i === STEPS.length - 1 ? review() : setStep(i))}
            >
              {i + 1}. {label}
            </button>
          </li>
        ))}
      </ol>
      <h2 className="text-lg font-semibold">{STEPS[step]}</h2>
      {step === 0 ? <NameStep {...props} hosts={hosts} onHost={onHost} /> : null}
      {step === 1 ? <OsStep {...props} /> : null}
      {step === 2 ? <SourceStep {...props} /> : null}
      {step === 3 ? <CpuStep {...props} /> : null}
      {step === 4 ? <DiskStep {...props} /> : null}
      {step === 5 ? <NetworkStep {...props} /> : null}
      {step === 6 ? <DisplayStep {...props} /> : null}
      {step === 7 && xml ? (
        <>
          <pre
            data-testid="review-xml"
            className="max-h-[28rem] overflow-auto rounded-md bg-zinc-950 p-3 font-mono text-xs text-zinc-100"
          >
            {xml}
          </pre>
          <Check
            label="Start the VM after creating it"
            checked={state.start}
            onChange={(start) => set({ start })}
          />
        </>
      ) : null}
      <FormError message={error} />
      <div className="flex gap-3">
        {step > 0 ? (
          <Button variant="secondary" onClick={() => setStep(step - 1)} disabled={pending}>
            Back
          </Button>
        ) : null}
        {step < STEPS.length - 1 ? (
          <Button type="submit" disabled={pending}>
            {step === STEPS.length - 2 ? "Review" : "Next"}
          </Button>
        ) : (
          <Button type="submit" disabled={pending}>
            {pending ? "Creating…" : "Create VM"}
          </Button>
        )}
      </div>
    </form>
  );
}
