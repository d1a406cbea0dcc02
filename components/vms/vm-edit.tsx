"use client";
import { useState, useTransition } from "react";
import { VolumeSelect } from "@/components/storage/volume-select";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { renameVmAction, vmCdromAction, vmResourcesAction } from "@/lib/actions/vm-config";
import type { VmSummary } from "@/lib/inventory/summaries";
import { useVmAccess } from "@/lib/queries/access";

/** vCPUs and memory (saying what applied live and what waits for the next boot) and CD-ROM media. */
export function VmEdit({ vm }: { vm: VmSummary }) {
  const [vcpus, setVcpus] = useState(String(vm.vcpus));
  const [memoryMib, setMemoryMib] = useState(String(Math.round(vm.maxMemoryKiB / 1024)));
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const cdroms = vm.disks.filter((d) => d.device === "cdrom");
  const [media, setMedia] = useState<Record<string, string>>({});
  const [newName, setNewName] = useState(vm.name);
  const { can, gate } = useVmAccess(vm);
  const sizes = can("VM.Config.CPU") || can("VM.Config.Memory");

  const run = (work: () => Promise<string | null>) =>
    startTransition(async () => {
      setError(null);
      setMessage(null);
      try {
        setMessage(await work());
      } catch (e) {
        setError((e as Error).message);
      }
    });

  const saveResources = () =>
    run(async () => {
      const r = await vmResourcesAction({ id: vm.id, vcpus, memoryMib });
      if (!r.ok) throw new Error(r.error);
      const { live, nextBoot } = r.data;
      if (live.length === 0 && nextBoot.length === 0) return "Saved; applies at the next boot.";
      return `Saved. Applied now: ${live.join(", ") || "nothing"}; at the next boot: ${nextBoot.join(", ") || "nothing else"}.`;
    });

  const rename = () =>
    run(async () => {
      const r = await renameVmAction({ id: vm.id, name: newName });
      if (!r.ok) throw new Error(r.error);
      return `Renamed to ${r.data.name}.`;
    });

  const cdrom = (target: string, path: string) =>
    run(async () => {
      const r = await vmCdromAction({ id: vm.id, target, path });
      if (!r.ok) throw new Error(r.error);
      return path ? `Inserted ${path} in ${target}.` : `Ejected ${target}.`;
    });

  return (
    <Card title="Edit">
      <form
        aria-label="VM resources"
        className="flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          saveResources();
        }}
      >
        <div className="grid grid-cols-2 gap-3">
          <Field
            label="vCPUs"
            name="edit-vcpus"
            type="number"
            value={vcpus}
            onChange={(e) => setVcpus(e.target.value)}
            {...gate("VM.Config.CPU")}
          />
          <Field
            label="Memory (MiB)"
            name="edit-memory"
            type="number"
            value={memoryMib}
            onChange={(e) => setMemoryMib(e.target.value)}
            {...gate("VM.Config.Memory")}
          />
        </div>
        <p className="text-xs text-zinc-500">
          Always saved for the next boot; a running VM also gets them at once where it can (up to
          the maxima it was started with).
        </p>
        <div>
          <Button
            type="submit"
            disabled={pending || !sizes}
            title={sizes ? undefined : "Needs VM.Config.CPU or VM.Config.Memory"}
          >
            Save CPU and memory
          </Button>
        </div>
      </form>
      <form
        aria-label="Rename"
        className="mt-4 flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          rename();
        }}
      >
        <div className="grow">
          <Field
            label="Name"
            name="rename"
            value={newName}
            onChange={(e) => setNewName(e.target.value)}
            hint={vm.state === "shut off" ? undefined : "Shut the VM off to rename it"}
          />
        </div>
        <Button
          type="submit"
          variant="secondary"
          disabled={pending || vm.state !== "shut off" || !can("VM.Config.Options")}
          title={can("VM.Config.Options") ? undefined : "Needs VM.Config.Options"}
        >
          Rename
        </Button>
      </form>
      {cdroms.map((d) => (
        <div
          key={d.target}
          className="mt-4 flex flex-wrap items-end gap-2"
          data-testid="cdrom-drive"
          data-target={d.target}
        >
          <div className="grow">
            <p className="mb-2 text-sm">
              CD-ROM {d.target}:{" "}
              <span className="font-mono text-xs" data-testid="cdrom-medium">
                {d.source ?? "empty"}
              </span>
            </p>
            <VolumeSelect
              hostId={vm.hostId}
              kind="iso"
              label={`Medium for ${d.target}`}
              value={media[d.target] ?? ""}
              onChange={(path) => setMedia({ ...media, [d.target]: path })}
            />
          </div>
          <Button
            variant="secondary"
            disabled={pending || !media[d.target] || !can("VM.Config.CDROM")}
            title={can("VM.Config.CDROM") ? undefined : "Needs VM.Config.CDROM"}
            onClick={() => cdrom(d.target, media[d.target] ?? "")}
          >
            Insert
          </Button>
          <Button
            variant="ghost"
            disabled={pending || !d.source || !can("VM.Config.CDROM")}
            title={can("VM.Config.CDROM") ? undefined : "Needs VM.Config.CDROM"}
            onClick={() => cdrom(d.target, "")}
          >
            Eject
          </Button>
        </div>
      ))}
      {message ? (
        <p role="status" data-testid="edit-message" className="mt-3 text-sm">
          {message}
        </p>
      ) : null}
      <div className="mt-3">
        <FormError message={error} />
      </div>
    </Card>
  );
}
