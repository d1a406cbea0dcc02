"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useRun } from "@/components/ui/use-run";
import { addNicAction, changeNicAction, removeNicAction } from "@/lib/actions/nics";
import type { ActionResult } from "@/lib/actions/result";
import type { NicSummary, VmSummary } from "@/lib/inventory/summaries";
import { useVmAccess } from "@/lib/queries/access";
import { useNicTargets } from "@/lib/queries/networks";
import { NIC_MODELS } from "@/lib/schemas/network";
import { HardwareRow } from "./hardware-row";
import { PendingValue, pendingOf } from "./pending-value";

const SELECT =
  "rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900";
type Targets = { networks: string[]; bridges: string[] };
type Applied = { nic: { applied: "live" | "next-boot" } };
type Attachment = { type: "network" | "bridge"; source: string };

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

function split(value: string): Attachment {
  const i = value.indexOf(":");
  return {
    type: value.slice(0, i) === "bridge" ? "bridge" : "network",
    source: value.slice(i + 1),
  };
}

const onWords = (a: { type: string; source: string | null }) =>
  a.type === "bridge" ? `host bridge ${a.source}` : `network ${a.source}`;

/** A NIC change's notification: live or at the next boot, as libvirt applied it. */
function useNicChange(key: string) {
  const { run, pending } = useRun(key);
  return {
    pending,
    run: (label: string, call: () => Promise<ActionResult<Applied>>, after?: () => void) =>
      run(
        call,
        (data) =>
          `${label}: ${data.nic.applied === "live" ? "done on the running VM" : "saved; takes effect at next boot"}`,
        after,
      ),
  };
}

/**
 * The NICs as rows of the hardware list: move one to another network or bridge (asking first
 * on a running VM, where it happens at once), remove one, add one; live where libvirt allows,
 * else at the next boot, and the notification says which.
 */
export function NicRows({ vm }: { vm: VmSummary }) {
  const { gate } = useVmAccess(vm);
  const { data: targets } = useNicTargets(vm.hostId, !vm.gone);
  const [removing, setRemoving] = useState<string | null>(null);
  const [moving, setMoving] = useState<{ nic: NicSummary; to: Attachment } | null>(null);
  const running = vm.state !== "shut off" && !vm.gone;
  const live = !vm.gone;

  const change = useNicChange("vm-nic-outcome");
  const { pending } = change;

  const move = (nic: NicSummary, to: Attachment) =>
    change.run("Network changed", () => changeNicAction({ id: vm.id, mac: nic.mac, ...to }));

  const added = vm.pending.filter((p) => p.field === "nic" && p.from === null);

  return (
    <>
      {vm.nics.map((n) => (
        <HardwareRow
          key={n.mac}
          label="Network"
          testId="vm-nic-row"
          mac={n.mac}
          actions={
            live ? (
              <>
                {targets ? (
                  <select
                    aria-label={`Network of ${n.mac}`}
                    className={SELECT}
                    disabled={pending}
                    {...gate("VM.Config.Network")}
                    value={`${n.type}:${n.source}`}
                    onChange={(e) => {
                      const to = split(e.target.value);
                      if (running) setMoving({ nic: n, to });
                      else move(n, to);
                    }}
                  >
                    <option value={`${n.type}:${n.source}`}>{onWords(n)}</option>
                    <TargetOptions targets={targets} />
                  </select>
                ) : null}
                <Button
                  variant="secondary"
                  className="px-2 py-1 text-xs"
                  disabled={pending}
                  {...gate("VM.Config.Network")}
                  aria-label={`Remove NIC ${n.mac}`}
                  onClick={() => setRemoving(n.mac)}
                >
                  Remove
                </Button>
              </>
            ) : null
          }
        >
          <div data-testid="vm-nic">
            <span>{n.source ? onWords(n) : n.type}</span>
            <span className="ml-2 text-xs text-zinc-500">{n.model ?? "—"}</span>
            <span className="ml-2 font-mono text-xs text-zinc-500">{n.mac}</span>
            <PendingValue change={pendingOf(vm, "nic", n.mac)} />
            <div className="font-mono text-xs" data-testid="vm-nic-ip">
              {n.ips.join(", ") ||
                (vm.state === "shut off" || vm.gone ? "—" : "waiting for a lease…")}
            </div>
          </div>
        </HardwareRow>
      ))}
      {added.map((p) => (
        <HardwareRow key={`next-${p.key}`} label="Network" testId="vm-nic-next">
          <span className="font-mono text-xs text-zinc-500">{p.key}</span>
          <PendingValue change={p} />
        </HardwareRow>
      ))}
      <ConfirmDialog
        open={moving !== null}
        title={`Move ${moving?.nic.mac} to ${moving ? onWords(moving.to) : ""}?`}
        confirmLabel="Move now"
        busy={pending}
        onCancel={() => setMoving(null)}
        onConfirm={() => {
          const m = moving;
          setMoving(null);
          if (m) move(m.nic, m.to);
        }}
      >
        {vm.name} is running: the interface leaves {moving ? onWords(moving.nic) : ""} at once, and
        the guest may lose its connections until it takes an address on the new network.
      </ConfirmDialog>
      <ConfirmDialog
        open={removing !== null}
        title="Remove this NIC?"
        confirmLabel="Remove NIC"
        busy={pending}
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          const target = removing;
          setRemoving(null);
          if (target) change.run("NIC removed", () => removeNicAction({ id: vm.id, mac: target }));
        }}
      >
        The interface {removing} is unplugged from {vm.name} (live if it is running) and removed
        from its definition.
      </ConfirmDialog>
    </>
  );
}

/** Adds a NIC on one of the host's networks or bridges (hot-plugged into a running VM). */
export function AddNicForm({ vm, onDone }: { vm: VmSummary; onDone: () => void }) {
  const { gate } = useVmAccess(vm);
  const { data: targets } = useNicTargets(vm.hostId);
  const change = useNicChange("vm-nic-outcome");
  const [chosen, setChosen] = useState("");
  const [model, setModel] = useState<(typeof NIC_MODELS)[number]>("virtio");
  const [mac, setMac] = useState("");
  const first = targets?.networks[0]
    ? `network:${targets.networks[0]}`
    : targets?.bridges[0]
      ? `bridge:${targets.bridges[0]}`
      : "";
  const target = chosen || first;
  return (
    <form
      aria-label="Add NIC"
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        change.run(
          "NIC added",
          () => addNicAction({ id: vm.id, ...split(target), model, mac }),
          onDone,
        );
      }}
    >
      <select
        aria-label="Attach to"
        className={SELECT}
        value={target}
        onChange={(e) => setChosen(e.target.value)}
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
      <Button type="submit" disabled={change.pending || !target} {...gate("VM.Config.Network")}>
        {change.pending ? "Working…" : "Add NIC"}
      </Button>
      <Button variant="ghost" onClick={onDone}>
        Cancel
      </Button>
    </form>
  );
}
