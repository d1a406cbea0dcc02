import { Card } from "@/components/ui/card";
import { formatKiB, formatUtc } from "@/lib/format";
import type { HostFacts } from "@/lib/hosts/host-facts";

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex justify-between gap-4 py-1">
      <dt className="text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd
        className="text-right font-medium"
        data-testid={`fact-${label.toLowerCase().replace(/\W+/g, "-")}`}
      >
        {children}
      </dd>
    </div>
  );
}

type NameAndState = { name: string; active: boolean };

function Names({ items, testId }: { items: NameAndState[]; testId: string }) {
  if (items.length === 0)
    return (
      <p className="text-sm text-zinc-500" data-testid={testId}>
        None defined.
      </p>
    );
  return (
    <ul className="text-sm" data-testid={testId}>
      {items.map((i) => (
        <li key={i.name} className="flex justify-between py-0.5">
          <span className="font-mono text-xs">{i.name}</span>
          <span className="text-zinc-500">{i.active ? "active" : "inactive"}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * The host's facts as read at its last connection (stored; never a live call), with its
 * networks and pools as the page reads them live.
 */
export function HostFactsCards({
  facts,
  networks,
  pools,
}: {
  facts: HostFacts;
  networks: NameAndState[];
  pools: NameAndState[];
}) {
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <Card title="Host">
        <dl className="text-sm">
          <Row label="Hostname">{facts.hostname}</Row>
          <Row label="CPU model">{facts.cpuModel}</Row>
          <Row label="CPUs">
            {facts.cpus} ({facts.sockets} socket{facts.sockets === 1 ? "" : "s"} × {facts.cores}{" "}
            core{facts.cores === 1 ? "" : "s"} × {facts.threads} thread
            {facts.threads === 1 ? "" : "s"}) at {facts.mhz} MHz
          </Row>
          <Row label="Memory">
            {formatKiB(facts.freeMemoryKiB)} free of {formatKiB(facts.memoryKiB)}
          </Row>
          <Row label="libvirt">{facts.libvirtVersion}</Row>
          <Row label="Hypervisor">
            {facts.hypervisor} {facts.hypervisorVersion}
          </Row>
          <Row label="KVM acceleration">
            {facts.kvm ? "offered" : "not offered (emulation only)"}
          </Row>
        </dl>
        <p className="mt-3 text-xs text-zinc-500">
          As read at <time dateTime={facts.readAt}>{formatUtc(facts.readAt)} UTC</time>.
        </p>
      </Card>
      <div className="flex flex-col gap-4">
        <Card title="Networks">
          <Names items={networks} testId="host-networks" />
        </Card>
        <Card title="Storage pools">
          <Names items={pools} testId="host-pools" />
        </Card>
      </div>
    </div>
  );
}
