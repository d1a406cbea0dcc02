"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

/** Sets the identity-provider group a group follows at single sign-on (empty: none). */
export function ProviderGroupEditor({
  groupName,
  initial,
  pending,
  onSave,
  onCancel,
}: {
  groupName: string;
  initial: string | null;
  pending: boolean;
  onSave: (providerGroup: string) => void;
  onCancel: () => void;
}) {
  const [value, setValue] = useState(initial ?? "");
  return (
    <form
      aria-label={`Identity-provider group of ${groupName}`}
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(value);
      }}
    >
      <div className="min-w-64 flex-1">
        <Field
          label="Identity-provider group"
          name={`provider-group-${groupName}`}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          hint="At each single sign-on the user joins or leaves this group as the provider lists them in it; empty: members are set here only"
        />
      </div>
      <Button type="submit" disabled={pending}>
        Save mapping
      </Button>
      <Button variant="ghost" onClick={onCancel}>
        Cancel
      </Button>
    </form>
  );
}
