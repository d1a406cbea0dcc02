"use client";
// TanStack Query keys and cache updates for VMs. The live stream writes whole VMs into the cache,
// so a list fetched earlier never overwrites a newer state that arrived over the socket.
import { type QueryClient, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import type { VmListItem, VmSummary } from "@/lib/inventory/summaries";
import type { ServerMessage } from "@/lib/live/messages";
import { fetchJson } from "@/lib/queries/fetch-json";
import { useLiveEvents } from "@/lib/queries/live-socket";
import type { SnapshotRow } from "@/lib/vms/snapshots";

export const vmKeys = {
  all: ["vms"] as const,
  detail: (id: string) => ["vm", id] as const,
  xml: (id: string) => ["vm", id, "xml"] as const,
  snapshots: (id: string) => ["vm", id, "snapshots"] as const,
};

export function applyVmMessage(client: QueryClient, message: ServerMessage): void {
  // A (re)connected socket may have missed changes while it was down: read the list again.
  if (message.type === "hello") void client.invalidateQueries({ queryKey: vmKeys.all });
  else if (message.type === "vm") {
    const vm = message.vm;
    client.setQueryData<VmListItem[]>(vmKeys.all, (list) => {
      if (!list) return list;
      const i = list.findIndex((v) => v.id === vm.id);
      if (i === -1) return [...list, vm];
      const next = list.slice();
      next[i] = vm;
      return next;
    });
    client.setQueryData<VmSummary>(vmKeys.detail(vm.id), (old) => (old ? vm : old));
  } else if (message.type === "vm-removed") {
    client.setQueryData<VmListItem[]>(vmKeys.all, (list) =>
      list?.filter((v) => v.id !== message.id),
    );
  }
}

/** Keeps the VM cache current from /ws/events while mounted. */
export function useLiveVms(): void {
  const client = useQueryClient();
  const listener = useCallback((m: ServerMessage) => applyVmMessage(client, m), [client]);
  useLiveEvents(listener);
}

export function useVmList(initial: VmListItem[]) {
  useLiveVms();
  return useQuery({
    queryKey: vmKeys.all,
    queryFn: async () => (await fetchJson<{ vms: VmListItem[] }>("/api/v1/vms")).vms,
    initialData: initial,
  });
}

export function useVm(initial: VmSummary) {
  useLiveVms();
  return useQuery({
    queryKey: vmKeys.detail(initial.id),
    queryFn: async () => (await fetchJson<{ vm: VmSummary }>(`/api/v1/vms/${initial.id}`)).vm,
    initialData: initial,
  });
}

/** The live domain XML, read from the host when shown (the page itself never waits for it). */
export function useVmXml(vmId: string) {
  return useQuery({
    queryKey: vmKeys.xml(vmId),
    staleTime: 0,
    queryFn: async () => {
      const response = await fetch(`/api/v1/vms/${vmId}/xml`);
      if (!response.ok) throw new Error(((await response.json()) as { error: string }).error);
      return response.text();
    },
  });
}

/** The VM's snapshot tree, and a way to read it again after a change. */
export function useSnapshots(vmId: string) {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: vmKeys.snapshots(vmId),
    queryFn: async () =>
      (await fetchJson<{ snapshots: SnapshotRow[] }>(`/api/v1/vms/${vmId}/snapshots`)).snapshots,
  });
  const reread = useCallback(
    () => client.invalidateQueries({ queryKey: vmKeys.snapshots(vmId) }),
    [client, vmId],
  );
  return { ...query, reread };
}
