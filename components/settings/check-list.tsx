"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/** A labelled group of checkboxes choosing several values (groups of a user, members…). */
export function CheckList({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: { value: string; label: string }[];
  value: string[];
  onChange: (next: string[]) => void;
}) {
  const toggle = (v: string, on: boolean) =>
    onChange(on ? [...new Set([...value, v])] : value.filter((x) => x !== v));
  return (
    <fieldset className="flex flex-col gap-1">
      <legend className="text-sm font-medium text-zinc-700 dark:text-zinc-300">{label}</legend>
      <div className="flex max-h-40 flex-wrap gap-x-4 gap-y-1 overflow-y-auto">
        {options.map((o) => (
          <label key={o.value} className="flex items-center gap-1.5 text-sm">
            <input
              type="checkbox"
              checked={value.includes(o.value)}
              onChange={(e) => toggle(o.value, e.target.checked)}
            />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** A CheckList being edited in place, with Save and Cancel. */
export function CheckListEditor({
  label,
  options,
  initial,
  saveLabel,
  pending,
  onSave,
  onCancel,
}: {
  label: string;
  options: { value: string; label: string }[];
  initial: string[];
  saveLabel: string;
  pending: boolean;
  onSave: (values: string[]) => void;
  onCancel: () => void;
}) {
  const [value, setValue] = useState(initial);
  return (
    <div className="flex flex-col gap-2">
      <CheckList label={label} options={options} value={value} onChange={setValue} />
      <div className="flex gap-2">
        <Button disabled={pending} onClick={() => onSave(value)}>
          {saveLabel}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
