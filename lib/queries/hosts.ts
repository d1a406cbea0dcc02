"use client";
// TanStack Query keys and live cache updates for hosts. Host status changes arrive whole over
// /ws/events ({type:"host"}); a list fetched earlier never overwrites them because the list is
// only refetched when the socket (re)connects.
import { type QueryClient, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useLiveEvents } from "@/components/live/use-live-events";
import type { HostSummary } from "@/lib/inventory/summaries";
import type { ServerMessage } from "@/lib/live/messages";
import { fetchJson } from "@/lib/queries/fetch-json";

export const hostKeys = {
  all: ["hosts"] as const,
  detail: (id: string) => ["host", id] as const,
};

/** Writes one host into the list and its detail entry (adding it when new). */
export function putHost(client: QueryClient, host: HostSummary): void {
  client.setQueryData<HostSummary[]>(hostKeys.all, (list) => {
    if (!list) return list;
    const i = list.findIndex((h) => h.id === host.id);
    if (i === -1) return [...list, host].sort((a, b) => a.name.localeCompare(b.name));
    const next = list.slice();
    next[i] = host;
    return next;
  });
  client.setQueryData<HostSummary>(hostKeys.detail(host.id), (old) => (old ? host : old));
}

export function dropHost(client: QueryClient, id: string): void {
  client.setQueryData<HostSummary[]>(hostKeys.all, (list) => list?.filter((h) => h.id !== id));
  client.removeQueries({ queryKey: hostKeys.detail(id) });
}

export function applyHostMessage(client: QueryClient, message: ServerMessage): void {
  if (message.type === "hello") {
    // Changes may have been missed while the socket was down.
    void client.invalidateQueries({ queryKey: hostKeys.all });
    void client.invalidateQueries({ queryKey: ["host"] });
  } else if (message.type === "host") putHost(client, message.host);
}

/** Keeps the host cache current from /ws/events while mounted. */
export function useLiveHosts(): void {
  const client = useQueryClient();
  const listener = useCallback((m: ServerMessage) => applyHostMessage(client, m), [client]);
  useLiveEvents(listener);
}

export function useHostList(initial: HostSummary[]) {
  useLiveHosts();
  return useQuery({
    queryKey: hostKeys.all,
    queryFn: async () => (await fetchJson<{ hosts: HostSummary[] }>("/api/v1/hosts")).hosts,
    initialData: initial,
  });
}

export function useHost(initial: HostSummary) {
  useLiveHosts();
  return useQuery({
    queryKey: hostKeys.detail(initial.id),
    queryFn: async () =>
      (await fetchJson<{ host: HostSummary }>(`/api/v1/hosts/${initial.id}`)).host,
    initialData: initial,
  });
}
