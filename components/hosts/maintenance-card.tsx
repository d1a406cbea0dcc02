"use client";
// A host's maintenance: in maintenance it takes no new VMs (created, cloned or migrated there);
// Evacuate live-migrates its VMs away as one task with a child task per VM.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useRun } from "@/components/ui/use-run";
import { MigrateManyDialog } from "@/components/vms/migrate-many-dialog";
import { hostMaintenanceAction } from "@/lib/actions/hosts";
import { evacuateHostAction } from "@/lib/actions/migration";
import type { HostSummary } from "@/lib/inventory/summaries";
import { useGate } from "@/lib/queries/access";
import { useHostCache } from "@/lib/queries/hosts";

export function MaintenanceCard({ host, running }: { host: HostSummary; running: number }) {
  const gate = useGate();
  const object = { kind: "host" as const, hostId: host.id };
  const modify = gate("Host.Modify", object);
  const migrate = gate("VM.Migrate", object);
  const cache = useHostCache();
  const { run, pending } = useRun("maintenance");
  const [evacuating, setEvacuating] = useState(false);
  const [includeStopped, setIncludeStopped] = useState(false);
  const [enter, setEnter] = useState(true);

  const toggle = () =>
    run(
      () => hostMaintenanceAction({ id: host.id, maintenance: !host.maintenance }),
      host.maintenance ? `${host.name} is out of maintenance` : `${host.name} is in maintenance`,
      (r) => cache.put(r.host),
    );

  return (
    <Card
      title="Maintenance"
      actions={
        <div className="flex gap-2">
          <Button variant="secondary" onClick={toggle} disabled={pending} {...modify}>
            {host.maintenance ? "Leave maintenance" : "Enter maintenance"}
          </Button>
          <Button onClick={() => setEvacuating(true)} {...migrate}>
            Evacuate…
          </Button>
        </div>
      }
    >
      <p className="text-sm" data-testid="maintenance-state">
        {host.maintenance
          ? "In maintenance: no new VMs are created, cloned or migrated here. The VMs on it keep running until they are evacuated."
          : "Available: new VMs may be created, cloned and migrated here."}
      </p>
      <MigrateManyDialog
        open={evacuating}
        title={`Evacuate ${host.name}`}
        confirmLabel="Evacuate"
        intro={
          <>
            Live-migrates the {running} running VM{running === 1 ? "" : "s"} of {host.name} to other
            hosts, biggest first, as one task with a task per VM.
          </>
        }
        exclude={[host.id]}
        allowAuto
        extra={
          <div className="flex flex-col gap-1">
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={enter} onChange={(e) => setEnter(e.target.checked)} />
              Put {host.name} in maintenance first (nothing new lands on it meanwhile)
            </label>
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={includeStopped}
                onChange={(e) => setIncludeStopped(e.target.checked)}
              />
              Shut-off VMs too (their definitions move; their disks are copied when you copy disks)
            </label>
          </div>
        }
        onStart={(c) =>
          evacuateHostAction({
            id: host.id,
            target: c.target || undefined,
            storage: c.storage,
            pool: c.storage === "copy" ? c.pool : undefined,
            concurrency: c.concurrency,
            includeStopped,
            maintenance: enter,
          })
        }
        onClose={() => setEvacuating(false)}
      />
    </Card>
  );
}
