"use client";
import Link from "next/link";
import type { VmSummary } from "@/lib/inventory/summaries";
import { useVmAccess } from "@/lib/queries/access";
import { VmThumbnail } from "./vm-thumbnail";

const LINK =
  "rounded-md border border-zinc-300 px-3 py-1.5 text-sm font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800";

/** The VM page's way into its consoles, with a live thumbnail of the screen while it runs. */
export function ConsoleLinks({ vm }: { vm: VmSummary }) {
  const running = !vm.gone && vm.state !== "shut off" && vm.state !== "crashed";
  const hasVnc = vm.graphics.some((g) => g.type === "vnc");
  const { can } = useVmAccess(vm);
  if (!can("VM.Console"))
    return <p className="mt-2 text-xs text-zinc-500">Opening its consoles needs VM.Console.</p>;
  if (!running)
    return <p className="mt-2 text-xs text-zinc-500">Consoles open while the VM runs.</p>;
  return (
    <div className="mt-3 flex flex-col gap-3">
      <div className="flex flex-wrap gap-2">
        {hasVnc ? (
          <Link href={`/vms/${vm.id}/console/vnc`} className={LINK}>
            Open screen (VNC)
          </Link>
        ) : null}
        <Link href={`/vms/${vm.id}/console/serial`} className={LINK}>
          Open serial console
        </Link>
      </div>
      {hasVnc ? <VmThumbnail vmId={vm.id} running={running} /> : null}
    </div>
  );
}
