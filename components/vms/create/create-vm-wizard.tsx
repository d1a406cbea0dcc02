"use client";
// The create-VM wizard: each step is checked on the server (create's own rules) before Next,
// refusals stand beside their fields, another host keeps what still applies, and leaving with
// input asks first. Review shows the summary and, behind a toggle, the XML create would define.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import type { ActionResult } from "@/lib/actions/result";
import {
  checkVmStepAction,
  createVmAction,
  createVmOptionsAction,
  previewVmXmlAction,
} from "@/lib/actions/vm-allocate";
import type { CreateVmStep } from "@/lib/schemas/vm-create";
import type { CreateVmOptions } from "@/lib/vms/create-options";
import { Check } from "./inputs";
import { type NewDiskPlan, ReviewSummary, SummaryTable, summaryRows } from "./review-summary";
import { StepChips } from "./step-chips";
import { NameStep, OsStep, SourceStep, type StepProps } from "./steps-basic";
import { CpuStep, DiskStep, DisplayStep, NetworkStep } from "./steps-hardware";
import { useLeaveGuard } from "./use-leave-guard";
import { initialState, onOtherHost, toFields, type WizardState } from "./wizard-state";
import { allShown, firstMessages, REVIEW, stepOfErrors, WIZARD_STEPS } from "./wizard-steps";

const LEAVE = "Leave the Create VM wizard? What you entered is lost.";

export function CreateVmWizard({
  options: initialOptions,
  hosts,
}: {
  options: CreateVmOptions;
  hosts: { id: string; name: string; maintenance?: boolean }[];
}) {
  const router = useRouter();
  const [options, setOptions] = useState(initialOptions);
  const [step, setStep] = useState(0);
  const [state, setState] = useState<WizardState>(() => initialState(initialOptions));
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [error, setError] = useState<string | null>(null);
  const [review, setReview] = useState<{ xml: string; newDisk: NewDiskPlan | null } | null>(null);
  const [pending, startTransition] = useTransition();
  const set = (patch: Partial<WizardState>) => {
    setDirty(true);
    setState((s) => ({ ...s, ...patch }));
  };
  const props: StepProps = { state, set, options, errors };
  useLeaveGuard(dirty, LEAVE);

  /** Shows a refusal beside its fields, on the step that asks for them; true when it was one. */
  const refused = <T,>(
    result: ActionResult<T>,
  ): result is Extract<typeof result, { ok: false }> => {
    if (result.ok) {
      setErrors({});
      setError(null);
      return false;
    }
    const fields = firstMessages(result.fieldErrors);
    setErrors(fields);
    const at = stepOfErrors(result.fieldErrors);
    if (at !== null) setStep(at);
    // A refusal no field shows (the host, a permission) goes above the buttons.
    setError(at === null || !allShown(fields) ? result.error : null);
    return true;
  };

  const toReview = () =>
    startTransition(async () => {
      const result = await previewVmXmlAction(toFields(options.hostId, state));
      if (refused(result)) return;
      setReview(result.data);
      setStep(REVIEW);
    });

  const next = () => {
    const id = WIZARD_STEPS[step]?.id;
    if (!id || id === "review") return;
    startTransition(async () => {
      const input = { ...toFields(options.hostId, state), step: id satisfies CreateVmStep };
      if (refused(await checkVmStepAction(input))) return;
      if (step === REVIEW - 1) toReview();
      else setStep(step + 1);
    });
  };

  const create = () =>
    startTransition(async () => {
      const result = await createVmAction(toFields(options.hostId, state));
      if (refused(result)) return;
      setDirty(false);
      router.push(`/vms/${result.data.id}`);
    });

  const takeOptions = (fresh: CreateVmOptions) => {
    setOptions(fresh);
    setState((s) => onOtherHost(s, fresh));
  };

  const onHost = (hostId: string) =>
    startTransition(async () => {
      const result = await createVmOptionsAction({ hostId });
      if (!result.ok) {
        const name = hosts.find((h) => h.id === hostId)?.name ?? hostId;
        setErrors({ hostId: `${name}: ${result.error}` });
        return;
      }
      takeOptions(result.data);
      setErrors({});
      setError(null);
      // The address names the host (a reload opens it again) without a navigation, which would
      // start the wizard over.
      window.history.replaceState(null, "", `/vms/new?host=${encodeURIComponent(hostId)}`);
    });

  const go = (i: number) => (i === REVIEW ? toReview() : setStep(i));
  const current = WIZARD_STEPS[step] ?? WIZARD_STEPS[0];

  return (
    <form
      aria-label="Create VM"
      className="flex flex-col gap-5"
      onSubmit={(e) => {
        e.preventDefault();
        if (step === REVIEW) create();
        else next();
      }}
    >
      <StepChips step={step} onStep={go} disabled={pending} />
      <div className="grid gap-8 2xl:grid-cols-[minmax(0,44rem)_minmax(20rem,28rem)]">
        <div className="flex max-w-3xl flex-col gap-5">
          <h2 className="text-lg font-semibold">{current.title}</h2>
          {step === 0 ? (
            <NameStep {...props} hosts={hosts} onHost={onHost} switching={pending} />
          ) : null}
          {step === 1 ? <OsStep {...props} /> : null}
          {step === 2 ? <SourceStep {...props} /> : null}
          {step === 3 ? <CpuStep {...props} /> : null}
          {step === 4 ? <DiskStep {...props} onOptions={takeOptions} /> : null}
          {step === 5 ? <NetworkStep {...props} /> : null}
          {step === 6 ? <DisplayStep {...props} /> : null}
          {step === REVIEW && review ? (
            <>
              <ReviewSummary rows={summaryRows(state, options, review.newDisk)} xml={review.xml} />
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
            {step < REVIEW ? (
              <Button type="submit" disabled={pending}>
                {step === REVIEW - 1 ? "Review" : "Next"}
              </Button>
            ) : (
              <Button type="submit" disabled={pending}>
                {pending ? "Creating…" : "Create VM"}
              </Button>
            )}
          </div>
        </div>
        {step < REVIEW ? (
          <aside
            aria-label="Your choices so far"
            className="hidden self-start rounded-lg border border-zinc-200 p-4 2xl:block dark:border-zinc-800"
          >
            <h2 className="mb-2 text-sm font-semibold text-zinc-600 dark:text-zinc-400">
              Your choices so far
            </h2>
            <SummaryTable rows={summaryRows(state, options, null)} label="Your choices so far" />
          </aside>
        ) : null}
      </div>
    </form>
  );
}
