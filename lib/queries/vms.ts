"use client";
// TanStack Query keys and cache updates for VMs. The live stream writes whole VMs into the cache;
// a read of the list or of one VM replays the messages that arrived while it was on its way, so
// a read that began before a change never overwrites what the socket said since.
import { type QueryClient, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import type { VmEventRow, VmListItem, VmSummary } from "@/lib/inventory/summaries";
import type { ServerMessage } from "@/lib/live/messages";
import { fetchJson } from "@/lib/queries/fetch-json";
import { useLiveEvents } from "@/lib/queries/live-socket";
import type { SnapshotRow } from "@/lib/vms/snapshots";

export const vmKeys = {
  all: ["vms"] as const,
  detail: (id: string) => ["vm", id] as const,
  xml: (id: string) => ["vm", id, "xml"] as const,
  snapshots: (id: string) => ["vm", id, "snapshots"] as const,
  events: (id: string) => ["vm", id, "events"] as const,
};

type VmMessage = Extract<ServerMessage, { type: "vm" | "vm-removed" }>;

/** One VM message applied to a list (pure: the cache and a read's replay both use it). */
export function withVmMessage(list: VmListItem[], message: VmMessage): VmListItem[] {
  if (message.type === "vm-removed") return list.filter((v) => v.id !== message.id);
  const i = list.findIndex((v) => v.id === message.vm.id);
  if (i === -1) return [...list, message.vm];
  const next = list.slice();
  next[i] = message.vm;
  return next;
}

/** The messages each read in flight has missed so far (its response is older than them). */
const inFlightReads = new Set<VmMessage[]>();

/** Runs `read`, then applies to its result every VM message that arrived meanwhile, in order. */
export async function readThenReplay<R>(
  read: () => Promise<R>,
  apply: (result: R, message: VmMessage) => R,
): Promise<R> {
  const missed: VmMessage[] = [];
  inFlightReads.add(missed);
  try {
    return missed.reduce(apply, await read());
  } finally {
    inFlightReads.delete(missed);
  }
}

export function applyVmMessage(client: QueryClient, message: ServerMessage): void {
  // A (re)connected socket may have missed changes while it was down: read the list again.
  if (message.type === "hello") void client.invalidateQueries({ queryKey: vmKeys.all });
  if (message.type !== "vm" && message.type !== "vm-removed") return;
  for (const missed of inFlightReads) missed.push(message);
  client.setQueryData<VmListItem[]>(vmKeys.all, (list) =>
    list ? withVmMessage(list, message) : list,
  );
  if (message.type === "vm")
    client.setQueryData<VmSummary>(vmKeys.detail(message.vm.id), (old) => (old ? message.vm : old));
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
    queryFn: () =>
      readThenReplay(
        async () => (await fetchJson<{ vms: VmListItem[] }>("/api/v1/vms")).vms,
        withVmMessage,
      ),
    initialData: initial,
  });
}

export function useVm(initial: VmSummary) {
  useLiveVms();
  return useQuery({
    queryKey: vmKeys.detail(initial.id),
    queryFn: () =>
      readThenReplay(
        async () => (await fetchJson<{ vm: VmSummary }>(`/api/v1/vms/${initial.id}`)).vm,
        (vm, message) => (message.type === "vm" && message.vm.id === vm.id ? message.vm : vm),
      ),
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

/** The VM's recent events, and a way to read them again when the live stream reports a change. */
export function useVmEvents(vmId: string, initial: VmEventRow[]) {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: vmKeys.events(vmId),
    queryFn: async () =>
      (await fetchJson<{ events: VmEventRow[] }>(`/api/v1/vms/${vmId}/events?limit=50`)).events,
    initialData: initial,
  });
  const reread = useCallback(
    () => client.invalidateQueries({ queryKey: vmKeys.events(vmId) }),
    [client, vmId],
  );
  return { ...query, reread };
}
