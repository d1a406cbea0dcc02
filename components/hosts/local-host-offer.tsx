"use client";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormError } from "@/components/ui/form-error";
import { addHostAction } from "@/lib/actions/hosts";
import type { HostSummary } from "@/lib/inventory/summaries";

/** Offered (never done unasked) when this machine runs libvirtd and no host is registered. */
export function LocalHostOffer({
  name,
  onAdded,
}: {
  name: string;
  onAdded: (host: HostSummary) => void;
}) {
  const [dismissed, setDismissed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  if (dismissed) return null;
  const add = () =>
    startTransition(async () => {
      const result = await addHostAction({ name, uri: "qemu:///system" });
      setError(result.ok ? null : result.error);
      if (result.ok) onAdded(result.data.host);
    });
  return (
    <Card title="This machine runs libvirt">
      <div className="flex flex-col gap-3 text-sm" data-testid="local-host-offer">
        <p>
          Add it as <strong>{name}</strong> (<code>qemu:///system</code>) to manage its virtual
          machines here?
        </p>
        <FormError message={error} />
        <div className="flex gap-2">
          <Button onClick={add} disabled={pending}>
            {pending ? "Connecting…" : "Add this machine"}
          </Button>
          <Button variant="ghost" onClick={() => setDismissed(true)} disabled={pending}>
            Not now
          </Button>
        </div>
      </div>
    </Card>
  );
}
