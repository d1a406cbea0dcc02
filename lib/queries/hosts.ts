"use client";
// TanStack Query keys and live cache updates for hosts. Host status changes arrive whole over
// /ws/events ({type:"host"}); a read from the server that started before such a change never
// overwrites it (withNewerStatus), however the two cross.
import { type QueryClient, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import type { HostSummary } from "@/lib/inventory/summaries";
import type { ServerMessage } from "@/lib/live/messages";
import { fetchJson } from "@/lib/queries/fetch-json";
import { useLiveEvents } from "@/lib/queries/live-socket";

export const hostKeys = {
  all: ["hosts"] as const,
  detail: (id: string) => ["host", id] as const,
};

/**
 * Writes one host into the list and its detail entry (adding it when new). Whatever brings it
 * (a socket message, an action's result, a read), a status older than the cached one loses.
 */
export function putHost(client: QueryClient, host: HostSummary): void {
  client.setQueryData<HostSummary[]>(hostKeys.all, (list) => {
    if (!list) return list;
    const i = list.findIndex((h) => h.id === host.id);
    if (i === -1) return [...list, host].sort((a, b) => a.name.localeCompare(b.name));
    const next = list.slice();
    next[i] = withNewerStatus(host, list[i]);
    return next;
  });
  client.setQueryData<HostSummary>(hostKeys.detail(host.id), (old) =>
    old ? withNewerStatus(host, old) : old,
  );
}

export function dropHost(client: QueryClient, id: string): void {
  client.setQueryData<HostSummary[]>(hostKeys.all, (list) => list?.filter((h) => h.id !== id));
  client.removeQueries({ queryKey: hostKeys.detail(id) });
}

/**
 * A host as read or returned by an action can be older than what the socket brought meanwhile
 * (the add action's "connecting" can reach the page after the "online" message): the later
 * status wins, and one without a time is older than any.
 */
export function withNewerStatus(
  fetched: HostSummary,
  cached: HostSummary | undefined,
): HostSummary {
  if (!cached?.statusChangedAt) return fetched;
  if (fetched.statusChangedAt && cached.statusChangedAt <= fetched.statusChangedAt) return fetched;
  const { status, lastError, statusChangedAt } = cached;
  return { ...fetched, status, lastError, statusChangedAt };
}

function mergeList(client: QueryClient, fetched: HostSummary[]): HostSummary[] {
  const cached = new Map(
    (client.getQueryData<HostSummary[]>(hostKeys.all) ?? []).map((h) => [h.id, h]),
  );
  return fetched.map((h) => withNewerStatus(h, cached.get(h.id)));
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

async function readHosts(client: QueryClient): Promise<HostSummary[]> {
  return mergeList(client, (await fetchJson<{ hosts: HostSummary[] }>("/api/v1/hosts")).hosts);
}

export function useHostList(initial: HostSummary[]) {
  useLiveHosts();
  const client = useQueryClient();
  return useQuery({
    queryKey: hostKeys.all,
    queryFn: () => readHosts(client),
    initialData: initial,
  });
}

export function useHost(initial: HostSummary) {
  useLiveHosts();
  const client = useQueryClient();
  const key = hostKeys.detail(initial.id);
  return useQuery({
    queryKey: key,
    queryFn: async () =>
      withNewerStatus(
        (await fetchJson<{ host: HostSummary }>(`/api/v1/hosts/${initial.id}`)).host,
        client.getQueryData<HostSummary>(key),
      ),
    initialData: initial,
  });
}

/** putHost and dropHost bound to this tab's cache, for components that add or remove hosts. */
export function useHostCache(): { put: (host: HostSummary) => void; drop: (id: string) => void } {
  const client = useQueryClient();
  return {
    put: useCallback((host: HostSummary) => putHost(client, host), [client]),
    drop: useCallback((id: string) => dropHost(client, id), [client]),
  };
}

/** The hosts the user may see, read when a dialog opens (the migration dialog's targets). */
export function useHostChoices(enabled: boolean) {
  useLiveHosts();
  const client = useQueryClient();
  return useQuery({
    queryKey: hostKeys.all,
    queryFn: () => readHosts(client),
    enabled,
  });
}
