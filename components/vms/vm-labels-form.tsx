"use client";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { vmLabelsAction } from "@/lib/actions/vms";
import type { VmSummary } from "@/lib/inventory/summaries";
import { useVmAccess } from "@/lib/queries/access";

/** Virtdeck's own tags and notes for a VM: kept across renames and after it leaves its host. */
export function VmLabelsForm({ vm }: { vm: VmSummary }) {
  const { gate } = useVmAccess(vm);
  const [tags, setTags] = useState(vm.tags.join(", "));
  const [notes, setNotes] = useState(vm.notes);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, startTransition] = useTransition();
  const save = () =>
    startTransition(async () => {
      const list = tags
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean);
      const result = await vmLabelsAction({ id: vm.id, tags: list, notes });
      setError(result.ok ? null : result.error);
      setSaved(result.ok);
    });
  return (
    <form
      className="flex flex-col gap-3"
      aria-label="Tags and notes"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Tags (comma separated)</span>
        <input
          value={tags}
          onChange={(e) => {
            setTags(e.target.value);
            setSaved(false);
          }}
          className="rounded-md border border-zinc-300 bg-white px-3 py-2 dark:border-zinc-700 dark:bg-zinc-900"
          placeholder="prod, web"
        />
      </label>
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Notes</span>
        <textarea
          value={notes}
          onChange={(e) => {
            setNotes(e.target.value);
            setSaved(false);
          }}
          rows={4}
          className="rounded-md border border-zinc-300 bg-white px-3 py-2 dark:border-zinc-700 dark:bg-zinc-900"
        />
      </label>
      <FormError message={error} />
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending} {...gate("VM.Config.Options")}>
          {pending ? "Saving…" : "Save"}
        </Button>
        {saved ? (
          <span role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
            Saved
          </span>
        ) : null}
      </div>
    </form>
  );
}
