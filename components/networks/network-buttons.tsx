"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useRun } from "@/components/ui/use-run";
import { changeNetworkStateAction, deleteNetworkAction } from "@/lib/actions/networks";
import type { NetworkDetail } from "@/lib/networks/summaries";
import { useGate } from "@/lib/queries/access";
import type { Leaving } from "@/lib/queries/per-host";

/** Start/stop, autostart and delete (asked first; naming the VMs that use it, if any). */
export function NetworkButtons({ net, leaving }: { net: NetworkDetail; leaving: Leaving }) {
  const router = useRouter();
  const { run, pending } = useRun("network-outcome");
  const [confirm, setConfirm] = useState(false);
  const ref = { hostId: net.hostId, name: net.name };
  const lock = useGate()("Network.Allocate", {
    kind: "network",
    hostId: net.hostId,
    network: net.name,
  });

  const change = (
    label: string,
    input: { action: "start" | "stop" } | { action: "autostart"; on: boolean },
  ) => run(() => changeNetworkStateAction({ ...ref, ...input }), `${label}: done`);

  const remove = () => {
    // Outside the transition, so that the page stops reading at once (not when it ends).
    void leaving.leave();
    run(
      () => deleteNetworkAction({ ...ref, force: net.vms.length > 0 }),
      "",
      () => router.push("/networks"),
      () => {
        leaving.stay();
        setConfirm(false);
      },
    );
  };

  return (
    <div className="flex flex-wrap items-center gap-2">
      {net.active ? (
        <Button
          variant="secondary"
          disabled={pending}
          onClick={() => change("Stop", { action: "stop" })}
          {...lock}
        >
          Stop
        </Button>
      ) : (
        <Button disabled={pending} onClick={() => change("Start", { action: "start" })} {...lock}>
          Start
        </Button>
      )}
      <Button
        variant="secondary"
        disabled={pending || !net.persistent}
        onClick={() => change("Autostart", { action: "autostart", on: !net.autostart })}
        {...lock}
      >
        {net.autostart ? "Autostart off" : "Autostart on"}
      </Button>
      <Button variant="danger" disabled={pending} onClick={() => setConfirm(true)} {...lock}>
        Delete
      </Button>
      {pending ? (
        <span className="text-sm text-zinc-500" role="status">
          Working…
        </span>
      ) : null}
      <ConfirmDialog
        open={confirm}
        title={`Delete ${net.name}?`}
        confirmLabel={net.vms.length > 0 ? "Delete anyway" : "Delete network"}
        busy={pending}
        onConfirm={remove}
        onCancel={() => setConfirm(false)}
      >
        {net.vms.length > 0 ? (
          <span data-testid="network-in-use">
            {net.name} is used by {net.vms.map((v) => v.name).join(", ")}. Their NICs stay in their
            definitions and will fail to start until you move them to another network.
          </span>
        ) : (
          `${net.name} is stopped and removed from ${net.hostName}.`
        )}
      </ConfirmDialog>
    </div>
  );
}
