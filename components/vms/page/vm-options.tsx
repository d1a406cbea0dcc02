"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { useRun } from "@/components/ui/use-run";
import { renameVmAction } from "@/lib/actions/vm-config";
import { vmAutostartAction } from "@/lib/actions/vms";
import type { VmSummary } from "@/lib/inventory/summaries";
import { useVmAccess } from "@/lib/queries/access";
import { useVm } from "@/lib/queries/vms";
import { VmEditXml } from "./vm-edit-xml";
import { VmXml } from "./vm-xml";

/** Name, autostart, title and description, and the domain XML (to edit, and as it runs). */
export function VmOptions({ initial }: { initial: VmSummary }) {
  const { data: vm } = useVm(initial);
  const { can } = useVmAccess(vm);
  const rename = useRun("edit-message");
  const autostart = useRun("autostart-outcome");
  const [newName, setNewName] = useState(vm.name);
  const shutOff = vm.state === "shut off";
  return (
    <div className="grid gap-4 xl:grid-cols-2">
      <div className="flex flex-col gap-4">
        <Card title="Name and start">
          <form
            aria-label="Rename"
            className="flex flex-wrap items-end gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              rename.run(
                () => renameVmAction({ id: vm.id, name: newName }),
                (r) => `Renamed to ${r.name}.`,
              );
            }}
          >
            <div className="grow">
              <Field
                label="Name"
                name="rename"
                value={newName}
                onChange={(e) => setNewName(e.target.value)}
                hint={shutOff ? undefined : "Shut the VM off to rename it"}
              />
            </div>
            <Button
              type="submit"
              variant="secondary"
              disabled={rename.pending || !shutOff || !can("VM.Config.Options")}
              title={can("VM.Config.Options") ? undefined : "Needs VM.Config.Options"}
            >
              Rename
            </Button>
          </form>
          <label className="mt-4 flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={vm.autostart}
              disabled={autostart.pending || !vm.persistent || !can("VM.Config.Options")}
              title={can("VM.Config.Options") ? undefined : "Needs VM.Config.Options"}
              onChange={() =>
                autostart.run(
                  () => vmAutostartAction({ id: vm.id, autostart: !vm.autostart }),
                  (r) => `Autostart ${r.autostart ? "on" : "off"}`,
                )
              }
            />
            Start with the host (autostart)
          </label>
          {vm.persistent ? null : (
            <p className="mt-1 text-xs text-zinc-500">A transient VM cannot autostart.</p>
          )}
        </Card>
        <VmEditXml vm={vm} />
      </div>
      <VmXml vmId={vm.id} />
    </div>
  );
}
