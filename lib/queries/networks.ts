"use client";
// TanStack Query for networks. There is no network table: the cache holds what the host said,
// and a network event (or a host coming back) from /ws/events makes it read again.
import { useQuery } from "@tanstack/react-query";
import type { HostNetworks, NetworkDetail } from "@/lib/networks/summaries";
import { fetchJson } from "@/lib/queries/fetch-json";
import { usePerHostList, useRereadOn } from "@/lib/queries/per-host";

export const networkKeys = {
  all: ["networks"] as const,
  detail: (hostId: string, name: string) => ["networks", hostId, name] as const,
  nicTargets: (hostId: string) => ["networks", hostId, "nic-targets"] as const,
};

/** DHCP leases come and go without any libvirt event: an open network page reads them again. */
const LEASES_POLL_MS = 5_000;

export function useLiveNetworks(): void {
  useRereadOn(networkKeys.all, "network");
}

export function useNetworkList(initial: HostNetworks[]) {
  useLiveNetworks();
  return usePerHostList(networkKeys.all, initial, "networks", "networks");
}

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

/** What a NIC of a VM on this host can attach to: its libvirt networks and its own bridges. */
export function useNicTargets(hostId: string, enabled = true) {
  return useQuery({
    queryKey: networkKeys.nicTargets(hostId),
    queryFn: () =>
      fetchJson<{ networks: string[]; bridges: string[] }>(`/api/v1/hosts/${hostId}/nic-targets`),
    enabled,
  });
}
