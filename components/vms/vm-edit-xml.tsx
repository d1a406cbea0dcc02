"use client";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { readVmXmlAction, saveVmXmlAction, vmDescriptionAction } from "@/lib/actions/vm-lifecycle";
import type { VmSummary } from "@/lib/inventory/summaries";

function textOf(xml: string, tag: string): string {
  const doc = new DOMParser().parseFromString(xml, "application/xml");
  return doc.querySelector(`domain > ${tag}`)?.textContent ?? "";
}

/** Title/description and the advanced XML editor; libvirt validates the XML before it is saved. */
export function VmEditXml({ vm }: { vm: VmSummary }) {
  const [xml, setXml] = useState<string | null>(null);
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const load = () =>
    startTransition(async () => {
      setError(null);
      const r = await readVmXmlAction({ id: vm.id });
      if (!r.ok) return setError(r.error);
      setXml(r.data.xml);
      setTitle(textOf(r.data.xml, "title"));
      setDescription(textOf(r.data.xml, "description"));
    });

  const save = (work: () => Promise<{ ok: boolean; error?: string }>, done: string) =>
    startTransition(async () => {
      setError(null);
      setMessage(null);
      const r = await work();
      if (!r.ok) return setError(r.error ?? "Failed");
      setMessage(done);
    });

  return (
    <Card title="Description and XML">
      {xml === null ? (
        <Button variant="secondary" onClick={load} disabled={pending}>
          Edit description and XML
        </Button>
      ) : (
        <div className="flex flex-col gap-3">
          <Field
            label="Title"
            name="edit-title"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
          />
          <Field
            label="Description"
            name="edit-description"
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
          <div>
            <Button
              disabled={pending}
              onClick={() =>
                save(
                  () => vmDescriptionAction({ id: vm.id, title, description }),
                  "Saved title and description.",
                )
              }
            >
              Save title and description
            </Button>
          </div>
          <label className="flex flex-col gap-1 text-sm font-medium">
            Domain XML (persistent)
            <textarea
              className="h-80 rounded-md border border-zinc-300 bg-zinc-950 p-2 font-mono text-xs text-zinc-100"
              value={xml}
              spellCheck={false}
              onChange={(e) => setXml(e.target.value)}
            />
          </label>
          <div>
            <Button
              variant="secondary"
              disabled={pending}
              onClick={() =>
                save(() => saveVmXmlAction({ id: vm.id, xml }), "Saved; libvirt accepted the XML.")
              }
            >
              Validate and save XML
            </Button>
          </div>
        </div>
      )}
      {message ? (
        <p role="status" className="mt-3 text-sm">
          {message}
        </p>
      ) : null}
      <div className="mt-3">
        <FormError message={error} />
      </div>
    </Card>
  );
}
