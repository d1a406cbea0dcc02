"use client";
// TanStack Query for storage. There is no storage table: the cache holds what the host said,
// read again after each change made here, on pool events from the host, and when it comes back.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { fetchJson } from "@/lib/queries/fetch-json";
import { useLeaving, usePerHostList, useRereadOn } from "@/lib/queries/per-host";
import type { HostPools, PoolDetail, PoolSummary, PoolVolumes } from "@/lib/storage/summaries";
import type { NameAndState } from "./networks";

export const storageKeys = {
  all: ["storage"] as const,
  detail: (hostId: string, pool: string) => ["storage", hostId, pool] as const,
  volumes: (hostId: string) => ["storage", "volumes", hostId] as const,
  /** One host's pools by name and state (its host page). */
  pools: (hostId: string) => ["storage", "pools", hostId] as const,
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

/** One host's pools, as useHostNetworks: read live on open and on pool events, else `stored`. */
export function useHostPools(hostId: string, stored: NameAndState[]) {
  useLiveStorage();
  const query = useQuery({
    queryKey: storageKeys.pools(hostId),
    // Shown at once, read again on open: a read under way when an event arrives is then
    // replaced by a new one (TanStack Query only cancels a read of a query that has data).
    initialData: stored,
    refetchOnMount: "always",
    retry: false,
    queryFn: async () =>
      (await fetchJson<{ pools: PoolSummary[] }>(`/api/v1/hosts/${hostId}/pools`)).pools.map(
        ({ name, active }) => ({ name, active }),
      ),
  });
  return query.data;
}

/** A pool's page, with `leaving` for its delete (as useNetworkDetail). */
export function usePoolDetail(initial: PoolDetail) {
  useLiveStorage();
  const { hostId, name } = initial;
  const key = storageKeys.detail(hostId, name);
  const { enabled, leaving } = useLeaving(key);
  const query = useQuery({
    queryKey: key,
    enabled,
    initialData: initial,
    queryFn: async () =>
      (
        await fetchJson<{ pool: PoolDetail }>(
          `/api/v1/hosts/${hostId}/pools/${encodeURIComponent(name)}`,
        )
      ).pool,
  });
  return { query, leaving };
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
