"use client";
// TanStack Query for storage. There is no storage table: the cache holds what the host said,
// read again after each change made here, on pool events from the host, and when it comes back.
import { type QueryClient, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useLiveEvents } from "@/components/live/use-live-events";
import type { ServerMessage } from "@/lib/live/messages";
import { fetchJson } from "@/lib/queries/fetch-json";
import type { HostPools, PoolDetail, PoolVolumes } from "@/lib/storage/summaries";

export const storageKeys = {
  all: ["storage"] as const,
  detail: (hostId: string, pool: string) => ["storage", hostId, pool] as const,
  volumes: (hostId: string) => ["storage", "volumes", hostId] as const,
};

function onMessage(client: QueryClient, m: ServerMessage): void {
  if (m.type === "hello" || m.type === "host" || m.type === "storage")
    void client.invalidateQueries({ queryKey: storageKeys.all });
}

/** Reads storage again after a change made on this page. */
export function useRefreshStorage(): () => Promise<void> {
  const client = useQueryClient();
  return useCallback(() => client.invalidateQueries({ queryKey: storageKeys.all }), [client]);
}

function useLiveStorage(): void {
  const client = useQueryClient();
  useLiveEvents(useCallback((m: ServerMessage) => onMessage(client, m), [client]));
}

export function usePoolList(initial: HostPools[]) {
  useLiveStorage();
  return useQuery({
    queryKey: storageKeys.all,
    initialData: initial,
    queryFn: () =>
      Promise.all(
        initial.map(async (h): Promise<HostPools> => {
          try {
            const { pools } = await fetchJson<Pick<HostPools, "pools">>(
              `/api/v1/hosts/${h.hostId}/pools`,
            );
            return { ...h, error: null, pools };
          } catch (error) {
            return { ...h, error: (error as Error).message, pools: [] };
          }
        }),
      ),
  });
}

export function usePoolDetail(initial: PoolDetail) {
  useLiveStorage();
  const { hostId, name } = initial;
  return useQuery({
    queryKey: storageKeys.detail(hostId, name),
    initialData: initial,
    queryFn: async () =>
      (
        await fetchJson<{ pool: PoolDetail }>(
          `/api/v1/hosts/${hostId}/pools/${encodeURIComponent(name)}`,
        )
      ).pool,
  });
}

/** Every pool of a host with its volumes, for disk and ISO pickers; follows pool events. */
export function useHostVolumes(hostId: string) {
  useLiveStorage();
  return useQuery({
    queryKey: storageKeys.volumes(hostId),
    queryFn: async () =>
      (await fetchJson<{ pools: PoolVolumes[] }>(`/api/v1/hosts/${hostId}/volumes`)).pools,
  });
}
