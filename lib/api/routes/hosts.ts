// /api/v1/hosts: hosts, their networks and storage, and what the create forms offer there.

import type { Access } from "@/lib/access/access";
import {
  addHostOp,
  getHostOp,
  hostMaintenanceOp,
  hostMigrationOp,
  listHostsOp,
  removeHostOp,
  testHostOp,
  updateHostOp,
} from "@/lib/hosts/operations";
import { evacuateHostOp } from "@/lib/migration/operations";
import { getNetworkDetail } from "@/lib/networks/network-detail";
import {
  addDhcpHostOp,
  changeNetworkStateOp,
  createNetworkOp,
  deleteNetworkOp,
  getNetworkOp,
  listNetworksOp,
  networkLeasesOp,
  nicTargetsOp,
  proposeNetworkOp,
  removeDhcpHostOp,
} from "@/lib/networks/operations";
import {
  changePoolStateOp,
  cloneVolumeOp,
  createPoolOp,
  createVolumeOp,
  deletePoolOp,
  deleteVolumeOp,
  downloadVolumeOp,
  getPoolOp,
  listHostVolumesOp,
  listPoolsOp,
  listVolumesOp,
  resizeVolumeOp,
  uploadVolumeOp,
} from "@/lib/storage/operations";
import { getPoolDetail } from "@/lib/storage/read-storage";
import { createVmOptionsOp } from "@/lib/vms/operations/allocate";
import type { RouteSpec } from "../route";
import { acceptedTask } from "./tasks";

type NetRef = { hostId: string; name: string };
type PoolRef = { hostId: string; pool: string };
const network = async (r: NetRef, _i: unknown, access: Access | null) => ({
  network: await getNetworkDetail(r.hostId, r.name, access!),
});
const pool = async (r: PoolRef, _i: unknown, access: Access | null) => ({
  pool: await getPoolDetail(r.hostId, r.pool, access!),
});
const byId = { hostId: "id" } as const;

export const hostRoutes = {
  "GET /api/v1/hosts": { operation: listHostsOp },
  "POST /api/v1/hosts": { operation: addHostOp, status: 201 },
  "POST /api/v1/hosts/test": { operation: testHostOp },
  "GET /api/v1/hosts/{hostId}": { operation: getHostOp, params: byId },
  "PUT /api/v1/hosts/{hostId}": { operation: updateHostOp, params: byId },
  "DELETE /api/v1/hosts/{hostId}": { operation: removeHostOp, params: byId },
  "PUT /api/v1/hosts/{hostId}/migration": { operation: hostMigrationOp, params: byId },
  "PUT /api/v1/hosts/{hostId}/maintenance": { operation: hostMaintenanceOp, params: byId },
  "POST /api/v1/hosts/{hostId}/evacuate": {
    operation: evacuateHostOp,
    params: byId,
    ...acceptedTask,
  },
  "GET /api/v1/hosts/{hostId}/vm-options": { operation: createVmOptionsOp },
  "GET /api/v1/hosts/{hostId}/nic-targets": { operation: nicTargetsOp },
  "GET /api/v1/hosts/{hostId}/network-proposal": { operation: proposeNetworkOp },

  "GET /api/v1/hosts/{hostId}/networks": { operation: listNetworksOp },
  "POST /api/v1/hosts/{hostId}/networks": {
    status: 201,
    operation: createNetworkOp,
    respond: async (r: NetRef, i, a) => Response.json(await network(r, i, a), { status: 201 }),
  },
  "GET /api/v1/hosts/{hostId}/networks/{name}": { operation: getNetworkOp },
  "DELETE /api/v1/hosts/{hostId}/networks/{name}": {
    operation: deleteNetworkOp,
    query: ["force"],
    respond: (r: NetRef) => ({ deleted: r }),
  },
  "POST /api/v1/hosts/{hostId}/networks/{name}/actions/{action}": {
    operation: changeNetworkStateOp,
    respond: network,
  },
  "GET /api/v1/hosts/{hostId}/networks/{name}/leases": { operation: networkLeasesOp },
  "POST /api/v1/hosts/{hostId}/networks/{name}/dhcp-hosts": {
    operation: addDhcpHostOp,
    status: 201,
  },
  "DELETE /api/v1/hosts/{hostId}/networks/{name}/dhcp-hosts": { operation: removeDhcpHostOp },

  "GET /api/v1/hosts/{hostId}/pools": { operation: listPoolsOp },
  "POST /api/v1/hosts/{hostId}/pools": {
    status: 201,
    operation: createPoolOp,
    respond: async (r: PoolRef, i, a) => Response.json(await pool(r, i, a), { status: 201 }),
  },
  "GET /api/v1/hosts/{hostId}/volumes": { operation: listHostVolumesOp },
  "GET /api/v1/hosts/{hostId}/pools/{pool}": { operation: getPoolOp },
  "DELETE /api/v1/hosts/{hostId}/pools/{pool}": {
    operation: deletePoolOp,
    query: ["deleteStorage"],
    respond: (r: PoolRef) => ({ deleted: r }),
  },
  "POST /api/v1/hosts/{hostId}/pools/{pool}/actions/{action}": {
    operation: changePoolStateOp,
    mayStartTask: true, // build
    respond: pool,
  },
  "GET /api/v1/hosts/{hostId}/pools/{pool}/volumes": { operation: listVolumesOp },
  "POST /api/v1/hosts/{hostId}/pools/{pool}/volumes": {
    status: 201,
    operation: createVolumeOp,
    respond: (volume: object) => Response.json({ volume }, { status: 201 }),
  },
  "PUT /api/v1/hosts/{hostId}/pools/{pool}/upload": {
    operation: uploadVolumeOp,
    body: "stream",
    status: 201,
    input: ({ params, query, headers }) => {
      const length = headers.get("content-length");
      return {
        ...params,
        name: query.get("name") ?? "",
        format: query.get("format") ?? "raw",
        // The size is the body's declared length; without one the schema says what is missing.
        size: length && /^\d+$/.test(length) ? Number(length) : (length ?? undefined),
      };
    },
  },
  "POST /api/v1/hosts/{hostId}/pools/{pool}/volumes/{volume}/actions/resize": {
    operation: resizeVolumeOp,
    status: 202,
  },
  "POST /api/v1/hosts/{hostId}/pools/{pool}/volumes/{volume}/actions/clone": {
    operation: cloneVolumeOp,
    ...acceptedTask,
  },
  "DELETE /api/v1/hosts/{hostId}/pools/{pool}/volumes/{volume}": {
    operation: deleteVolumeOp,
    respond: (_r: unknown, input) => ({
      deleted: { hostId: input.hostId, pool: input.pool, volume: input.volume },
    }),
  },
  "GET /api/v1/hosts/{hostId}/pools/{pool}/volumes/{volume}/download": {
    operation: downloadVolumeOp,
    respond: ({
      name,
      body,
      task,
    }: {
      name: string;
      body: ReadableStream<Uint8Array>;
      task: string;
    }) =>
      new Response(body, {
        headers: {
          "Content-Type": "application/octet-stream",
          // The download's task (its progress in bytes, and a cancel), as the 202 answers' Location.
          "Virtdeck-Task": `/api/v1/tasks/${task}`,
          // The name passed the volume-name schema: no quotes or separators to escape.
          "Content-Disposition": `attachment; filename="${name}"`,
          "Cache-Control": "no-store",
        },
      }),
  },
} satisfies Record<string, RouteSpec>;
