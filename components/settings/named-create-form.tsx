"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";

/** "Create a …" with a name and a description (groups, VM groups). */
export function NamedCreateForm({
  title,
  formLabel,
  idPrefix,
  pending,
  onCreate,
}: {
  title: string;
  formLabel: string;
  idPrefix: string;
  pending: boolean;
  /** Calls `reset` once the thing is made, to empty the form. */
  onCreate: (input: { name: string; description: string }, reset: () => void) => void;
}) {
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  return (
    <Card title={title}>
      <form
        aria-label={formLabel}
        className="flex max-w-2xl flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          onCreate({ name, description }, () => {
            setName("");
            setDescription("");
          });
        }}
      >
        <Field
          label="Name"
          name={`${idPrefix}-name`}
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
        />
        <div className="min-w-64 flex-1">
          <Field
            label="Description"
            name={`${idPrefix}-description`}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
        </div>
        <Button type="submit" disabled={pending}>
          {formLabel}
        </Button>
      </form>
    </Card>
  );
}
