"use client";
import { Card } from "@/components/ui/card";
import { CodeBlock } from "@/components/ui/code-block";
import { useVmXml } from "@/lib/queries/vms";

/** The live domain XML, read-only. */
export function VmXml({ vmId }: { vmId: string }) {
  const { data, error, isPending } = useVmXml(vmId);
  return (
    <Card title="Domain XML (live, read-only)">
      {isPending ? <p className="text-sm text-zinc-500">Reading from the host…</p> : null}
      {error ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {error.message}
        </p>
      ) : null}
      {data ? (
        <CodeBlock
          data-testid="vm-xml"
          className="max-h-96 overflow-auto rounded bg-zinc-50 p-3 font-mono text-xs dark:bg-zinc-950"
        >
          {data}
        </CodeBlock>
      ) : null}
    </Card>
  );
}
