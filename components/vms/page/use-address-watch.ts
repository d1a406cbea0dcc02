"use client";
import { useEffect } from "react";
import { vmAddressesAction } from "@/lib/actions/vms";
import type { VmSummary } from "@/lib/inventory/summaries";

const EVERY_MS = 3_000;

/**
 * While the page is open on a running VM with a NIC that has no address yet, asks the host
 * again every few seconds (libvirt sends no event for a new DHCP lease): the address shows as
 * soon as the network's lease table has it, a NIC added later included. The answer arrives
 * over the live stream like any change.
 */
export function useAddressWatch(vm: VmSummary): void {
  const waiting = !vm.gone && vm.state === "running" && vm.nics.some((n) => n.ips.length === 0);
  useEffect(() => {
    if (!waiting) return;
    const t = setInterval(() => {
      if (document.visibilityState === "visible") void vmAddressesAction({ id: vm.id });
    }, EVERY_MS);
    return () => clearInterval(t);
  }, [waiting, vm.id]);
}
