"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { useRun } from "@/components/ui/use-run";
import { hostMigrationAction } from "@/lib/actions/hosts";
import { useGate } from "@/lib/queries/access";

/**
 * How other hosts reach this one when VMs migrate here: a libvirt URI its daemon accepts from
 * the other hosts' daemons (then they migrate peer to peer), and the address QEMU's stream is
 * sent to. Without a URI, Virtdeck drives migrations here through its own connections.
 */
export function MigrationSettings({
  hostId,
  migrationUri,
  migrationAddress,
}: {
  hostId: string;
  migrationUri: string | null;
  migrationAddress: string | null;
}) {
  const [uri, setUri] = useState(migrationUri ?? "");
  const [address, setAddress] = useState(migrationAddress ?? "");
  const { run, pending } = useRun("migration-settings");
  const lock = useGate()("Host.Modify", { kind: "host", hostId });
  return (
    <Card title="Migration">
      <form
        aria-label="Migration settings"
        className="flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          run(
            () => hostMigrationAction({ id: hostId, migrationUri: uri, migrationAddress: address }),
            "Migration settings saved",
          );
        }}
      >
        <Field
          label="Migration URI (peer to peer)"
          name="migrationUri"
          value={uri}
          placeholder="qemu+tcp://10.0.0.2/system"
          hint="How the other hosts' libvirtd reach this one. Empty: Virtdeck drives migrations here itself."
          onChange={(e) => setUri(e.target.value)}
        />
        <Field
          label="Migration address"
          name="migrationAddress"
          value={address}
          placeholder="tcp://10.0.0.2"
          hint="Where QEMU sends a VM's memory and disks. Empty: libvirt uses this host's name."
          onChange={(e) => setAddress(e.target.value)}
        />
        <div>
          <Button type="submit" disabled={pending} {...lock}>
            Save
          </Button>
        </div>
      </form>
    </Card>
  );
}
