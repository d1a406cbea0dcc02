// Which live messages a socket's caller may receive: each is checked against the object it is
// about, at the moment it is sent, with the caller's current permissions.
import type { ServerMessage } from "@/lib/live/messages";
import type { TaskSummary } from "@/lib/tasks/summary";
import type { Access } from "./access";

/** A task reaches its starter and whoever may see its object (Proxmox shows a node's tasks so). */
export function mayFollowTask(
  access: Access,
  task: Pick<TaskSummary, "userId" | "object">,
): boolean {
  return task.userId === access.user.userId || access.sees(task.object);
}

export function mayReceive(access: Access, message: ServerMessage): boolean {
  switch (message.type) {
    case "vm":
      return access.seesVm(message.vm);
    case "vm-removed":
      return access.seesVm(message);
    case "host":
      return access.seesHost(message.host.id);
    case "network":
      return access.can("Network.Audit", {
        kind: "network",
        hostId: message.hostId,
        network: message.name,
      });
    case "storage":
      return access.can("Datastore.Audit", {
        kind: "pool",
        hostId: message.hostId,
        pool: message.pool,
      });
    case "task":
      return mayFollowTask(access, message.task);
    case "metrics":
      return access.seesHost(message.hostId) || message.vms.length > 0;
    case "access":
    case "hello":
      return true;
  }
}

/**
 * What of a message reaches this caller: the message itself or nothing, except a host's metrics
 * round, which carries many VMs: only those the caller may see, and the host's own usage only
 * for those who see the host.
 */
export function visibleMessage(access: Access, message: ServerMessage): ServerMessage | null {
  if (message.type !== "metrics") return mayReceive(access, message) ? message : null;
  const hostId = message.hostId;
  const vms = message.vms.filter((v) => access.seesVm({ hostId, uuid: v.uuid }));
  if (access.seesHost(hostId)) return { ...message, vms };
  const { pools: _hidden, ...rest } = message;
  return vms.length ? { ...rest, vms, host: null } : null;
}
