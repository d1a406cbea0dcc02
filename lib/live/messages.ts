// What /ws/events sends to browsers. Every change to a VM or host is pushed whole, so the
// browser's cache can replace its copy without another request.
import type { HostSummary, VmSummary } from "@/lib/inventory/summaries";
import type { PoolNow } from "@/lib/metrics/current";
import type { HostSample, VmSample } from "@/lib/metrics/fields";
import type { TaskLine, TaskSummary } from "@/lib/tasks/summary";

export type LiveMessage =
  | { type: "vm"; vm: VmSummary }
  | { type: "vm-removed"; id: string; hostId: string; uuid: string }
  | { type: "host"; host: HostSummary }
  | { type: "network"; hostId: string; name: string; event: string }
  | { type: "storage"; hostId: string; pool: string; event: string }
  /** Users, groups, roles or grants changed: pages read what they may see again. */
  | { type: "access" }
  /** A task started, moved or ended; `lines` are the log lines added since the last message. */
  | { type: "task"; task: TaskSummary; lines: TaskLine[] }
  /** A host's collection round: its usage and that of each VM running there (at: ms). */
  | {
      type: "metrics";
      hostId: string;
      at: number;
      /** Null for a caller who may not see the host (its VMs' usage only). */
      host: HostSample | null;
      /** The host's pools when they were read this round (every minute). */
      pools?: PoolNow[];
      vms: { uuid: string; id: string | null; name: string; sample: VmSample }[];
    };

export type ServerMessage = LiveMessage | { type: "hello"; user: string };
