"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { useRun } from "@/components/ui/use-run";
import {
  readLiveVmXmlAction,
  readVmXmlAction,
  saveVmXmlAction,
  vmDescriptionAction,
} from "@/lib/actions/vm-config";
import type { VmSummary } from "@/lib/inventory/summaries";
import { useVmAccess } from "@/lib/queries/access";

function textOf(xml: string, tag: string): string {
  const doc = new DOMParser().parseFromString(xml, "application/xml");
  return doc.querySelector(`domain > ${tag}`)?.textContent ?? "";
}

/**
 * Title/description (VM.Config.Options) and the advanced XML editor (VM.Config.XML: the secure
 * XML, and raw XML reaches host devices); libvirt validates the XML before it is saved.
 */
export function VmEditXml({ vm }: { vm: VmSummary }) {
  const { can } = useVmAccess(vm);
  const editsXml = can("VM.Config.XML");
  const [xml, setXml] = useState<string | null>(null);
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const { run, pending } = useRun("xml-outcome");

  const load = () =>
    run(
      () => (editsXml ? readVmXmlAction({ id: vm.id }) : readLiveVmXmlAction({ id: vm.id })),
      "",
      (data) => {
        setXml(data.xml);
        setTitle(textOf(data.xml, "title"));
        setDescription(textOf(data.xml, "description"));
      },
    );

  return (
    <Card title={editsXml ? "Description and XML" : "Description"}>
      {xml === null ? (
        <Button
          variant="secondary"
          onClick={load}
          disabled={pending || !can("VM.Config.Options")}
          title={can("VM.Config.Options") ? undefined : "Needs VM.Config.Options"}
        >
          {editsXml ? "Edit description and XML" : "Edit description"}
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
                run(
                  () => vmDescriptionAction({ id: vm.id, title, description }),
                  "Saved title and description.",
                )
              }
            >
              Save title and description
            </Button>
          </div>
          {editsXml ? (
            <>
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
                    run(
                      () => saveVmXmlAction({ id: vm.id, xml }),
                      "Saved; libvirt accepted the XML.",
                    )
                  }
                >
                  Validate and save XML
                </Button>
              </div>
            </>
          ) : null}
        </div>
      )}
    </Card>
  );
}
