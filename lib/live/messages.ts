// What /ws/events sends to browsers. Every change to a VM or host is pushed whole, so the
// browser's cache can replace its copy without another request.
import type { HostSummary, VmSummary } from "@/lib/inventory/summaries";

export type LiveMessage =
  | { type: "vm"; vm: VmSummary }
  | { type: "vm-removed"; id: string; hostId: string; uuid: string }
  | { type: "host"; host: HostSummary }
  | { type: "network"; hostId: string; name: string; event: string }
  | { type: "storage"; hostId: string; pool: string; event: string }
  /** Users, groups, roles or grants changed: pages read what they may see again. */
  | { type: "access" }
  | ProgressMessage;

/**
 * Progress of a long job (a clone's disk copies), for the user who started it: `job` is the id
 * the browser chose; `step` of `steps` is the part under way (a disk), `done` of `total` bytes.
 */
export interface ProgressMessage {
  type: "progress";
  userId: string;
  job: string;
  step: number;
  steps: number;
  label: string;
  done: number;
  total: number;
}

export type ServerMessage = LiveMessage | { type: "hello"; user: string };
