"use client";
import { useQuery } from "@tanstack/react-query";
import { Card } from "@/components/ui/card";

/** The live domain XML, read from the host when shown (the page itself never waits for it). */
export function VmXml({ vmId }: { vmId: string }) {
  const { data, error, isPending } = useQuery({
    queryKey: ["vm-xml", vmId],
    staleTime: 0,
    queryFn: async () => {
      const response = await fetch(`/api/v1/vms/${vmId}/xml`);
      if (!response.ok) throw new Error(((await response.json()) as { error: string }).error);
      return response.text();
    },
  });
  return (
    <div className="mt-4">
      <Card title="Domain XML (read-only)">
        {isPending ? <p className="text-sm text-zinc-500">Reading from the host…</p> : null}
        {error ? (
          <p role="alert" className="text-sm text-red-600 dark:text-red-400">
            {error.message}
          </p>
        ) : null}
        {data ? (
          <pre
            data-testid="vm-xml"
            className="max-h-96 overflow-auto rounded bg-zinc-50 p-3 font-mono text-xs dark:bg-zinc-950"
          >
            {data}
          </pre>
        ) : null}
      </Card>
    </div>
  );
}
