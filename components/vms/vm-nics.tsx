"use client";
import { useEffect, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import {
  addNicAction,
  changeNicAction,
  nicTargetsAction,
  removeNicAction,
} from "@/lib/actions/nics";
import type { VmSummary } from "@/lib/inventory/summaries";
import { useVmAccess } from "@/lib/queries/access";
import { NIC_MODELS } from "@/lib/schemas/network";

const SELECT =
  "rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900";
type Targets = { networks: string[]; bridges: string[] };
type Applied = { nic: { applied: "live" | "next-boot" } };

/** Options "network:NAME" / "bridge:NAME" for the host's networks and its own bridges. */
function TargetOptions({ targets }: { targets: Targets }) {
  return (
    <>
      {targets.networks.map((n) => (
        <option key={`n-${n}`} value={`network:${n}`}>
          network {n}
        </option>
      ))}
      {targets.bridges.map((b) => (
        <option key={`b-${b}`} value={`bridge:${b}`}>
          host bridge {b}
        </option>
      ))}
    </>
  );
}

function split(value: string): { type: "network" | "bridge"; source: string } {
  const i = value.indexOf(":");
  return {
    type: value.slice(0, i) === "bridge" ? "bridge" : "network",
    source: value.slice(i + 1),
  };
}

/** Add, move and remove NICs; live where libvirt allows, else at next boot (and says so). */
export function VmNics({ vm }: { vm: VmSummary }) {
  const { gate } = useVmAccess(vm);
  const [targets, setTargets] = useState<Targets | null>(null);
  const [target, setTarget] = useState("");
  const [model, setModel] = useState<(typeof NIC_MODELS)[number]>("virtio");
  const [mac, setMac] = useState("");
  const [removing, setRemoving] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  useEffect(() => {
    void nicTargetsAction({ hostId: vm.hostId }).then((r) => {
      if (!r.ok) return setOutcome({ ok: false, text: r.error });
      setTargets(r.data);
      const first = r.data.networks[0]
        ? `network:${r.data.networks[0]}`
        : r.data.bridges[0]
          ? `bridge:${r.data.bridges[0]}`
          : "";
      setTarget(first);
    });
  }, [vm.hostId]);

  const run = (
    label: string,
    call: () => Promise<{ ok: true; data: Applied } | { ok: false; error: string }>,
  ) =>
    startTransition(async () => {
      setOutcome(null);
      const r = await call();
      setRemoving(null);
      if (!r.ok) return setOutcome({ ok: false, text: r.error });
      const when =
        r.data.nic.applied === "live"
          ? "done on the running VM"
          : "saved; takes effect at next boot";
      setOutcome({ ok: true, text: `${label}: ${when}` });
    });

  return (
    <Card title="Network interfaces">
      <ul className="mb-4 space-y-2 text-sm" data-testid="vm-nics">
        {vm.nics.map((n) => (
          <li
            key={n.mac}
            className="flex flex-wrap items-center gap-2"
            data-testid="vm-nic-row"
            data-mac={n.mac}
          >
            <span className="font-mono text-xs">{n.mac}</span>
            <span>{n.model ?? "—"}</span>
            <span className="font-mono text-xs" data-testid="vm-nic-ip">
              {n.ips.join(", ") || "—"}
            </span>
            {targets ? (
              <select
                aria-label={`Network of ${n.mac}`}
                className={SELECT}
                disabled={pending}
                {...gate("VM.Config.Network")}
                value={`${n.type}:${n.source}`}
                onChange={(e) =>
                  run("Network changed", () =>
                    changeNicAction({ id: vm.id, mac: n.mac, ...split(e.target.value) }),
                  )
                }
              >
                <option value={`${n.type}:${n.source}`}>
                  {n.type} {n.source}
                </option>
                <TargetOptions targets={targets} />
              </select>
            ) : (
              <span>
                {n.type} {n.source}
              </span>
            )}
            <Button
              variant="ghost"
              className="px-2 py-1 text-xs"
              disabled={pending}
              {...gate("VM.Config.Network")}
              aria-label={`Remove NIC ${n.mac}`}
              onClick={() => setRemoving(n.mac)}
            >
              Remove
            </Button>
          </li>
        ))}
      </ul>
      <form
        aria-label="Add NIC"
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          run("NIC added", () => addNicAction({ id: vm.id, ...split(target), model, mac }));
        }}
      >
        <select
          aria-label="Attach to"
          className={SELECT}
          value={target}
          onChange={(e) => setTarget(e.target.value)}
        >
          {targets ? <TargetOptions targets={targets} /> : <option value="">Loading…</option>}
        </select>
        <select
          aria-label="Model"
          className={SELECT}
          value={model}
          onChange={(e) => setModel(e.target.value as typeof model)}
        >
          {NIC_MODELS.map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
        <input
          aria-label="MAC address"
          placeholder="MAC (blank: 52:54:00:…)"
          className={`${SELECT} font-mono`}
          value={mac}
          onChange={(e) => setMac(e.target.value)}
        />
        <Button type="submit" disabled={pending || !target} {...gate("VM.Config.Network")}>
          {pending ? "Working…" : "Add NIC"}
        </Button>
      </form>
      {outcome ? (
        <p
          role={outcome.ok ? "status" : "alert"}
          data-testid="vm-nic-outcome"
          className={`mt-2 text-sm ${outcome.ok ? "text-emerald-700 dark:text-emerald-400" : "text-red-600 dark:text-red-400"}`}
        >
          {outcome.text}
        </p>
      ) : null}
      <ConfirmDialog
        open={removing !== null}
        title="Remove this NIC?"
        confirmLabel="Remove NIC"
        busy={pending}
        onCancel={() => setRemoving(null)}
        onConfirm={() =>
          removing && run("NIC removed", () => removeNicAction({ id: vm.id, mac: removing }))
        }
      >
        The interface {removing} is unplugged from {vm.name} (live if it is running) and removed
        from its definition.
      </ConfirmDialog>
    </Card>
  );
}
