"use client";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { CodeBlock } from "@/components/ui/code-block";
import { LINK } from "@/components/ui/link-style";
import { PageHeader } from "@/components/ui/page-header";
import type { NetworkDetail } from "@/lib/networks/summaries";
import { useNetworkDetail } from "@/lib/queries/networks";
import { DhcpHostsCard } from "./dhcp-hosts-card";
import { KindBadge, YesNo } from "./kind-badge";
import { LeasesCard } from "./leases-card";
import { NetworkButtons } from "./network-buttons";

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="text-zinc-500">{label}</dt>
      <dd className="font-mono text-xs">{children}</dd>
    </>
  );
}

export function NetworkDetailView({ initial }: { initial: NetworkDetail }) {
  const {
    query: { data: net, error },
    leaving,
  } = useNetworkDetail(initial);
  return (
    <>
      <PageHeader
        title={net.name}
        description={`on ${net.hostName}`}
        actions={
          <Link href="/networks" className={`text-sm ${LINK}`}>
            ← All networks
          </Link>
        }
      />
      <div className="mb-6 flex flex-wrap items-center gap-4">
        <KindBadge kind={net.kind} />
        <NetworkButtons net={net} leaving={leaving} />
      </div>
      {error ? (
        <p role="alert" className="mb-4 text-sm text-red-600">
          {error.message}
        </p>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Settings">
          <dl className="grid grid-cols-[10rem_1fr] gap-y-1 text-sm" data-testid="network-settings">
            <Row label="Forward mode">{net.forwardMode ?? "none (isolated)"}</Row>
            <Row label="Bridge">{net.bridge ?? "—"}</Row>
            <Row label="Subnet">{net.subnet ?? "—"}</Row>
            <Row label="Gateway">{net.gateway ?? "—"}</Row>
            <Row label="DHCP range">
              {net.dhcpRange ? `${net.dhcpRange.start} – ${net.dhcpRange.end}` : "—"}
            </Row>
            <Row label="IPv6">{net.ipv6 ?? "—"}</Row>
            <Row label="DNS domain">{net.domain ?? "—"}</Row>
            <Row label="Active">
              <YesNo value={net.active} testId="network-active" />
            </Row>
            <Row label="Autostart">
              <YesNo value={net.autostart} testId="network-autostart" />
            </Row>
            <Row label="Persistent">
              <YesNo value={net.persistent} />
            </Row>
          </dl>
        </Card>
        <Card title="VMs attached">
          {net.vms.length === 0 ? (
            <p className="text-sm text-zinc-500">None.</p>
          ) : (
            <ul className="space-y-1 text-sm" data-testid="network-vms">
              {net.vms.map((v) => (
                <li key={v.id}>
                  <Link className={LINK} href={`/vms/${v.id}`}>
                    {v.name}
                  </Link>{" "}
                  <span className="text-zinc-500">({v.state})</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <LeasesCard leases={net.leases} active={net.active} />
        <DhcpHostsCard net={net} />
      </div>
      <div className="mt-4">
        <Card title="Network XML (read-only)">
          <CodeBlock className="overflow-x-auto text-xs" data-testid="network-xml">
            {net.xml}
          </CodeBlock>
        </Card>
      </div>
    </>
  );
}
