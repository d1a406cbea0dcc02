"use client";
// TanStack Query for storage. There is no storage table: the cache holds what the host said,
// read again after each change made here, on pool events from the host, and when it comes back.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { fetchJson } from "@/lib/queries/fetch-json";
import { usePerHostList, useRereadOn } from "@/lib/queries/per-host";
import type { HostPools, PoolDetail, PoolVolumes } from "@/lib/storage/summaries";

export const storageKeys = {
  all: ["storage"] as const,
  detail: (hostId: string, pool: string) => ["storage", hostId, pool] as const,
  volumes: (hostId: string) => ["storage", "volumes", hostId] as const,
};

/** Reads storage again after a change made on this page. */
export function useRefreshStorage(): () => Promise<void> {
  const client = useQueryClient();
  return useCallback(() => client.invalidateQueries({ queryKey: storageKeys.all }), [client]);
}

function useLiveStorage(): void {
  useRereadOn(storageKeys.all, "storage");
}

export function usePoolList(initial: HostPools[]) {
  useLiveStorage();
  return usePerHostList(storageKeys.all, initial, "pools", "pools");
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
