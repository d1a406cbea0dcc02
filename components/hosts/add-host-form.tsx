"use client";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { useFormAction } from "@/components/ui/use-form-action";
import { addHostAction } from "@/lib/actions/hosts";

const EXAMPLES = [
  "qemu:///system",
  "qemu+ssh://root@kvm1.example/system",
  "qemu+tcp://10.0.0.5/system",
  "test:///default",
];

export function AddHostForm() {
  const { onSubmit, fieldErrors, error, pending } = useFormAction(addHostAction, (_data, form) =>
    form.reset(),
  );
  return (
    <form
      onSubmit={onSubmit}
      className="grid gap-4 md:grid-cols-[1fr_2fr_auto] md:items-start"
      aria-label="Add host"
    >
      <Field
        label="Name"
        name="name"
        placeholder="kvm1"
        required
        maxLength={64}
        error={fieldErrors.name?.[0]}
      />
      <Field
        label="libvirt URI"
        name="uri"
        placeholder="qemu+ssh://root@kvm1.example/system"
        required
        spellCheck={false}
        autoCapitalize="off"
        error={fieldErrors.uri?.[0]}
        hint={`As for virsh -c, e.g. ${EXAMPLES.join(", ")}`}
      />
      <Button type="submit" disabled={pending} className="md:mt-6">
        {pending ? "Adding…" : "Add host"}
      </Button>
      <div className="md:col-span-3">
        <FormError message={error} />
      </div>
    </form>
  );
}
