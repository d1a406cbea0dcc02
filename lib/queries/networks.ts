"use client";
// TanStack Query for networks. There is no network table: the cache holds what the host said,
// and a network event (or a host coming back) from /ws/events makes it read again.
import { useQuery } from "@tanstack/react-query";
import type { HostNetworks, NetworkDetail, NetworkSummary } from "@/lib/networks/summaries";
import { fetchJson } from "@/lib/queries/fetch-json";
import { useLeaving, usePerHostList, useRereadOn } from "@/lib/queries/per-host";

export const networkKeys = {
  all: ["networks"] as const,
  detail: (hostId: string, name: string) => ["networks", hostId, name] as const,
  /** One host's networks by name and state (its host page). */
  host: (hostId: string) => ["networks", "host", hostId] as const,
  /** What a NIC on this host can attach to (read again with the networks). */
  nicTargets: (hostId: string) => ["networks", "nic-targets", hostId] as const,
};

/** A name and whether it runs: what a host page lists of its networks and pools. */
export interface NameAndState {
  name: string;
  active: boolean;
}

/** DHCP leases come and go without any libvirt event: an open network page reads them again. */
const LEASES_POLL_MS = 5_000;

export function useLiveNetworks(): void {
  useRereadOn(networkKeys.all, "network");
}

export function useNetworkList(initial: HostNetworks[]) {
  useLiveNetworks();
  return usePerHostList(networkKeys.all, initial, "networks", "networks");
}

/**
 * One host's networks, read live when its page opens and again on network events; `stored` (the
 * host's facts from its last connection) shows meanwhile and when the read is refused.
 */
export function useHostNetworks(hostId: string, stored: NameAndState[]) {
  useLiveNetworks();
  const query = useQuery({
    queryKey: networkKeys.host(hostId),
    // Shown at once, read again on open: a read under way when an event arrives is then
    // replaced by a new one (TanStack Query only cancels a read of a query that has data).
    initialData: stored,
    refetchOnMount: "always",
    // A refused or failed read leaves the stored list; the next event reads again.
    retry: false,
    queryFn: async () =>
      (
        await fetchJson<{ networks: NetworkSummary[] }>(`/api/v1/hosts/${hostId}/networks`)
      ).networks.map(({ name, active }) => ({ name, active })),
  });
  return query.data;
}

/**
 * A network's page, read again on events and for its leases; `leaving` stops that once the page
 * deletes the network (it would only be told "not found").
 */
export function useNetworkDetail(initial: NetworkDetail) {
  useLiveNetworks();
  const { hostId, name } = initial;
  const key = networkKeys.detail(hostId, name);
  const { enabled, leaving } = useLeaving(key);
  const query = useQuery({
    queryKey: key,
    enabled,
    initialData: initial,
    refetchInterval: LEASES_POLL_MS,
    queryFn: async () =>
      (
        await fetchJson<{ network: NetworkDetail }>(
          `/api/v1/hosts/${hostId}/networks/${encodeURIComponent(name)}`,
        )
      ).network,
  });
  return { query, leaving };
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
