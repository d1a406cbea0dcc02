// What /ws/events sends to browsers. Every change to a VM or host is pushed whole, so the
// browser's cache can replace its copy without another request.
import type { HostSummary, VmSummary } from "@/lib/inventory/summaries";
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
  | { type: "task"; task: TaskSummary; lines: TaskLine[] };

export type ServerMessage = LiveMessage | { type: "hello"; user: string };
