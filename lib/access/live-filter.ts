// Which live messages a socket's caller may receive: each is checked against the object it is
// about, at the moment it is sent, with the caller's current permissions.
import type { ServerMessage } from "@/lib/live/messages";
import type { Access } from "./access";

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
    case "progress":
      return message.userId === access.user.userId;
    case "access":
    case "hello":
      return true;
  }
}
