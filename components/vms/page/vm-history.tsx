"use client";
import { useEffect } from "react";
import { TaskHistory } from "@/components/tasks/task-history";
import { Card } from "@/components/ui/card";
import { formatUtc } from "@/lib/format";
import type { VmEventRow, VmSummary } from "@/lib/inventory/summaries";
import { useVm, useVmEvents } from "@/lib/queries/vms";
import type { TaskSummary } from "@/lib/tasks/summary";

/**
 * What happened to the VM: its tasks (live) and its events (lifecycle, reboots, devices), newest
 * first, read again as it changes.
 */
export function VmHistory({
  initial,
  events,
  tasks,
}: {
  initial: VmSummary;
  events: VmEventRow[];
  tasks: TaskSummary[];
}) {
  const { data: vm } = useVm(initial);
  const query = useVmEvents(vm.id, events);
  const { reread } = query;
  // Events are written with each change the live stream reports: read them again after one.
  useEffect(() => {
    if (vm.lastSeenAt !== initial.lastSeenAt || vm.state !== initial.state) void reread();
  }, [vm.lastSeenAt, vm.state, initial.lastSeenAt, initial.state, reread]);
  const rows = query.data ?? events;
  return (
    <div className="flex flex-col gap-4">
      <TaskHistory filter={{ vm: vm.uuid, limit: 20 }} initial={tasks} label="Tasks of this VM" />
      <Card title="Recent events">
        {rows.length === 0 ? (
          <p className="text-sm text-zinc-500">No events recorded yet.</p>
        ) : (
          <ul className="space-y-1 text-sm" data-testid="vm-events">
            {rows.map((e) => (
              <li key={e.id} className="flex gap-3">
                <time className="shrink-0 font-mono text-xs text-zinc-500" dateTime={e.at}>
                  {formatUtc(e.at)}
                </time>
                <span>{e.message}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
