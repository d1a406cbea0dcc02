"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
// The wizard's choices as a key/value table: the Review step's summary (with where the new disk
// will be, as the server names it) and, on wide screens, the running summary beside each step.
import { CodeBlock } from "@/components/ui/code-block";
import type { CreateVmOptions } from "@/lib/vms/create-options";
import { OS_PRESETS, type WizardState } from "./wizard-state";

export interface NewDiskPlan {
  pool: string;
  name: string;
  path: string;
}

function mib(value: string): string {
  const n = Number(value);
  return n >= 1024 && Number.isFinite(n)
    ? `${value} MiB (${+(n / 1024).toFixed(2)} GiB)`
    : `${value} MiB`;
}

function bootSource(s: WizardState): string {
  if (s.sourceKind === "iso") return `CD-ROM: ${s.isoPath || "(no ISO chosen)"}`;
  if (s.sourceKind === "import") return `Imported disk: ${s.importPath || "(no volume chosen)"}`;
  const initrd = s.initrd ? `, initrd ${s.initrd}` : "";
  return `Kernel ${s.kernel || "(no path)"}${initrd}${s.cmdline ? ` (${s.cmdline})` : ""}`;
}

function disk(s: WizardState): string {
  if (s.diskMode === "none") return "No disk";
  if (s.diskMode === "existing")
    return `Existing volume ${s.existingPath || "(none chosen)"}, ${s.diskBus}`;
  return `New ${s.sizeGib} GiB ${s.format} volume in pool ${s.pool || "(none)"}, ${s.diskBus}`;
}

/** The summary's rows: [key, label, value]. */
export function summaryRows(
  s: WizardState,
  options: CreateVmOptions,
  newDisk: NewDiskPlan | null,
): [string, string, string][] {
  const os = options.osinfo.find((o) => o.id === s.osinfoId)?.name ?? OS_PRESETS[s.os].label;
  const network = options.networks.find((n) => n.name === s.network);
  const consoles = [s.vnc ? "VNC graphics" : "", s.serial ? "serial console" : ""].filter(Boolean);
  return [
    ["host", "Host", options.hostName],
    ["name", "Name", s.name || "(none yet)"],
    ["os", "OS", os],
    [
      "cpu",
      "CPU",
      `${s.vcpus} ${s.vcpus === "1" ? "vCPU" : "vCPUs"}, ${s.cpuMode === "host-passthrough" ? "host passthrough" : "default model"}`,
    ],
    ["memory", "Memory", mib(s.memoryMib)],
    ["firmware", "Firmware", s.firmware === "uefi" ? "UEFI (machine q35)" : "BIOS (machine pc)"],
    ["disk", "Disk", disk(s)],
    ...(newDisk
      ? [["disk-path", "New disk's path", newDisk.path] as [string, string, string]]
      : []),
    ["network", "Network", network ? `${network.name} (${network.kind})` : "None"],
    ["boot", "Boot source", bootSource(s)],
    ["consoles", "Consoles", consoles.length > 0 ? consoles.join(", ") : "None"],
    ["type", "Domain type", s.domainType],
  ];
}

export function SummaryTable({ rows, label }: { rows: [string, string, string][]; label: string }) {
  return (
    <table aria-label={label} className="w-full text-left text-sm">
      <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {rows.map(([key, name, value]) => (
          <tr key={key} data-testid={`summary-${key}`}>
            <th scope="row" className="w-40 py-1.5 pr-4 align-top font-medium text-zinc-500">
              {name}
            </th>
            <td className="py-1.5 [overflow-wrap:anywhere]">{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Review: the summary, and the domain XML behind a toggle. */
export function ReviewSummary({ rows, xml }: { rows: [string, string, string][]; xml: string }) {
  const [showXml, setShowXml] = useState(false);
  return (
    <div className="flex flex-col gap-3">
      <SummaryTable rows={rows} label="Summary" />
      <div>
        <Button variant="secondary" aria-expanded={showXml} onClick={() => setShowXml(!showXml)}>
          {showXml ? "Hide XML" : "Show XML"}
        </Button>
      </div>
      {showXml ? (
        <CodeBlock
          data-testid="review-xml"
          className="max-h-[28rem] overflow-auto rounded-md border border-zinc-800 bg-zinc-950 p-3 font-mono text-xs text-zinc-100"
        >
          {xml}
        </CodeBlock>
      ) : null}
    </div>
  );
}
