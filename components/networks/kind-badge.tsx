import type { NetworkKindWord } from "@/lib/xml/parse-network";

const STYLE: Record<NetworkKindWord, string> = {
  NAT: "bg-sky-100 text-sky-800 dark:bg-sky-500/15 dark:text-sky-300",
  "public bridge": "bg-amber-100 text-amber-800 dark:bg-amber-500/15 dark:text-amber-300",
  "private bridge": "bg-violet-100 text-violet-800 dark:bg-violet-500/15 dark:text-violet-300",
  routed: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
  open: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
  other: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
};

export function KindBadge({ kind }: { kind: NetworkKindWord }) {
  return (
    <span
      data-testid="network-kind"
      className={`rounded px-1.5 py-0.5 text-xs font-medium ${STYLE[kind]}`}
    >
      {kind}
    </span>
  );
}

export function YesNo({ value, testId }: { value: boolean; testId?: string }) {
  return (
    <span data-testid={testId} className={value ? "" : "text-zinc-500"}>
      {value ? "yes" : "no"}
    </span>
  );
}
