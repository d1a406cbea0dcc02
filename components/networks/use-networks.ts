"use client";
// TanStack Query for networks. There is no network table: the cache holds what the host said,
// and a network event (or a host coming back) from /ws/events makes it read again.
import { type QueryClient, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useLiveEvents } from "@/components/live/use-live-events";
import type { ServerMessage } from "@/lib/live/messages";
import type { HostNetworks, NetworkDetail } from "@/lib/networks/summaries";
import { fetchJson } from "@/lib/queries/fetch-json";

export const networkKeys = {
  all: ["networks"] as const,
  detail: (hostId: string, name: string) => ["networks", hostId, name] as const,
};

function onMessage(client: QueryClient, m: ServerMessage): void {
  if (m.type === "hello" || m.type === "network" || m.type === "host")
    void client.invalidateQueries({ queryKey: networkKeys.all });
}

export function useLiveNetworks(): void {
  const client = useQueryClient();
  useLiveEvents(useCallback((m: ServerMessage) => onMessage(client, m), [client]));
}

export function useNetworkList(initial: HostNetworks[]) {
  useLiveNetworks();
  return useQuery({
    queryKey: networkKeys.all,
    initialData: initial,
    queryFn: () =>
      Promise.all(
        initial.map(async (h): Promise<HostNetworks> => {
          try {
            const { networks } = await fetchJson<Pick<HostNetworks, "networks">>(
              `/api/v1/hosts/${h.hostId}/networks`,
            );
            return { ...h, error: null, networks };
          } catch (error) {
            return { ...h, error: (error as Error).message, networks: [] };
          }
        }),
      ),
  });
}

/** DHCP leases come and go without any libvirt event: an open network page reads them again. */
const LEASES_POLL_MS = 5_000;

export function useNetworkDetail(initial: NetworkDetail) {
  useLiveNetworks();
  const { hostId, name } = initial;
  return useQuery({
    queryKey: networkKeys.detail(hostId, name),
    initialData: initial,
    refetchInterval: LEASES_POLL_MS,
    queryFn: async () =>
      (
        await fetchJson<{ network: NetworkDetail }>(
          `/api/v1/hosts/${hostId}/networks/${encodeURIComponent(name)}`,
        )
      ).network,
  });
}
