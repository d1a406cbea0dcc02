import type { NetworkKind } from "@/lib/schemas/network";

/** One line per kind: what the VMs on it will be able to reach. */
export const KIND_CHOICES: { kind: NetworkKind; label: string; reach: string; advanced?: true }[] =
  [
    {
      kind: "nat",
      label: "NAT",
      reach:
        "VMs get private addresses from this host and reach outside networks through it; outside machines cannot reach them directly.",
    },
    {
      kind: "bridge",
      label: "Public bridge",
      reach:
        "VMs join the host's physical network like any other machine and get their addresses from that network.",
    },
    {
      kind: "private",
      label: "Private bridge",
      reach: "VMs reach each other and this host (its gateway address), nothing else.",
    },
    {
      kind: "routed",
      label: "Routed (advanced)",
      reach:
        "The host routes the VMs' subnet without NAT: other machines reach them once they have a route to it.",
      advanced: true,
    },
    {
      kind: "open",
      label: "Open (advanced)",
      reach: "Like routed, but libvirt adds no firewall rules at all: you manage them.",
      advanced: true,
    },
  ];
