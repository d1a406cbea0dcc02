import type { ConsoleStatus } from "./console-socket";

const DOT: Record<ConsoleStatus, string> = {
  connecting: "bg-amber-400",
  connected: "bg-emerald-500",
  disconnected: "bg-red-500",
  busy: "bg-red-500",
  "taken-over": "bg-amber-400",
};

const WORD: Record<ConsoleStatus, string> = {
  connecting: "Connecting…",
  connected: "Connected",
  disconnected: "Disconnected",
  busy: "In use elsewhere",
  "taken-over": "Taken over",
};

/** Connection state and the round trip through the proxy, for both console kinds. */
export function ConsoleStatusBadge({
  status,
  latencyMs,
}: {
  status: ConsoleStatus;
  latencyMs: number | null;
}) {
  return (
    <span
      className="inline-flex items-center gap-2 text-sm"
      data-testid="console-status"
      data-status={status}
    >
      <span className={`h-2.5 w-2.5 rounded-full ${DOT[status]}`} aria-hidden />
      {WORD[status]}
      {status === "connected" && latencyMs !== null ? (
        <span
          className="font-mono text-xs text-zinc-500"
          data-testid="console-latency"
          title="Round trip through Virtdeck"
        >
          {latencyMs < 1 ? "<1" : Math.round(latencyMs)} ms
        </span>
      ) : null}
    </span>
  );
}

/** Why the console ended, with a way back. */
export function ConsoleEnded({
  message,
  onReconnect,
  extra,
}: {
  message: string;
  onReconnect: () => void;
  extra?: React.ReactNode;
}) {
  return (
    <div
      role="alert"
      className="flex flex-wrap items-center gap-3 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
    >
      <span data-testid="console-message">{message}</span>
      <button
        type="button"
        onClick={onReconnect}
        className="rounded-md border border-red-300 px-2 py-1 font-medium hover:bg-red-100 dark:border-red-800 dark:hover:bg-red-900"
      >
        Reconnect
      </button>
      {extra}
    </div>
  );
}
