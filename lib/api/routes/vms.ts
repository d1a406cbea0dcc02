// /api/v1/vms: the inventory, lifecycle, configuration, consoles, NICs and snapshots.
import { openConsoleOp, screenshotOp } from "@/lib/consoles/operations";
import { migrateManyOp, migrateVmOp, migrationCheckOp } from "@/lib/migration/operations";
import { cloneVmOp, createVmOp, deleteVmOp, previewVmXmlOp } from "@/lib/vms/operations/allocate";
import {
  attachDiskOp,
  bootOrderOp,
  detachDiskOp,
  liveVmXmlOp,
  readVmXmlOp,
  renameVmOp,
  saveVmXmlOp,
  vmCdromOp,
  vmDescriptionOp,
  vmResourcesOp,
} from "@/lib/vms/operations/config";
import {
  forgetVmOp,
  getVmOp,
  listVmsOp,
  vmAddressesOp,
  vmEventsOp,
  vmLabelsOp,
} from "@/lib/vms/operations/inventory";
import { addNicOp, changeNicOp, removeNicOp } from "@/lib/vms/operations/nics";
import { bulkPowerOp, powerVmOp, vmAutostartOp } from "@/lib/vms/operations/power";
import {
  createSnapshotOp,
  deleteSnapshotOp,
  listSnapshotsOp,
  revertSnapshotOp,
} from "@/lib/vms/operations/snapshots";
import type { RouteSpec } from "../route";
import { acceptedTask } from "./tasks";

const xml = (r: { xml: string }) =>
  new Response(r.xml, { headers: { "content-type": "application/xml; charset=utf-8" } });
const noContent = () => new Response(null, { status: 204 });
/** Responses built here carry their own status; `status` beside them is what the docs say. */

export const vmRoutes = {
  "GET /api/v1/vms": { operation: listVmsOp, query: ["q", "host", "state", "tag"] },
  "POST /api/v1/vms": { operation: createVmOp, status: 202 },
  "POST /api/v1/vms/preview": { operation: previewVmXmlOp },
  "POST /api/v1/vms/actions/{action}": { operation: bulkPowerOp },
  "GET /api/v1/vms/{id}": { operation: getVmOp },
  "DELETE /api/v1/vms/{id}": {
    operation: deleteVmOp,
    status: 204,
    mayStartTask: true,
    respond: noContent,
  },
  "GET /api/v1/vms/{id}/events": { operation: vmEventsOp, query: ["limit"] },
  "POST /api/v1/vms/{id}/addresses": { operation: vmAddressesOp },
  "POST /api/v1/vms/{id}/actions/{action}": { operation: powerVmOp },
  "PUT /api/v1/vms/{id}/autostart": { operation: vmAutostartOp },
  "PUT /api/v1/vms/{id}/resources": { operation: vmResourcesOp },
  "PUT /api/v1/vms/{id}/description": { operation: vmDescriptionOp },
  "POST /api/v1/vms/{id}/rename": { operation: renameVmOp },
  "PUT /api/v1/vms/{id}/labels": { operation: vmLabelsOp },
  "POST /api/v1/vms/{id}/forget": { operation: forgetVmOp },
  "PUT /api/v1/vms/{id}/cdrom/{target}": { operation: vmCdromOp },
  "POST /api/v1/vms/{id}/disks": { operation: attachDiskOp, status: 201 },
  "DELETE /api/v1/vms/{id}/disks/{target}": { operation: detachDiskOp },
  "PUT /api/v1/vms/{id}/boot-order": { operation: bootOrderOp },
  "GET /api/v1/vms/{id}/xml": { operation: liveVmXmlOp, respond: xml },
  "GET /api/v1/vms/{id}/xml/config": { operation: readVmXmlOp, respond: xml },
  "PUT /api/v1/vms/{id}/xml": { operation: saveVmXmlOp },
  "POST /api/v1/vms/{id}/clone": { operation: cloneVmOp, ...acceptedTask },
  "POST /api/v1/vms/migrate": { operation: migrateManyOp, ...acceptedTask },
  "POST /api/v1/vms/{id}/migrate": { operation: migrateVmOp, ...acceptedTask },
  "POST /api/v1/vms/{id}/migrate/check": { operation: migrationCheckOp },
  "POST /api/v1/vms/{id}/consoles": {
    operation: openConsoleOp,
    status: 201,
    respond: (r: object) =>
      Response.json(r, { status: 201, headers: { "cache-control": "no-store" } }),
  },
  "GET /api/v1/vms/{id}/consoles/screenshot": {
    operation: screenshotOp,
    respond: ({ mime, bytes }: { mime: string; bytes: Buffer }) =>
      new Response(new Uint8Array(bytes), {
        headers: { "content-type": mime, "cache-control": "no-store" },
      }),
  },
  "POST /api/v1/vms/{id}/nics": { operation: addNicOp, status: 201 },
  "PUT /api/v1/vms/{id}/nics/{mac}": { operation: changeNicOp },
  "DELETE /api/v1/vms/{id}/nics": { operation: removeNicOp, query: ["mac"] },
  "GET /api/v1/vms/{id}/snapshots": { operation: listSnapshotsOp },
  "POST /api/v1/vms/{id}/snapshots": { operation: createSnapshotOp, ...acceptedTask },
  "POST /api/v1/vms/{id}/snapshots/{name}/revert": { operation: revertSnapshotOp, ...acceptedTask },
  "DELETE /api/v1/vms/{id}/snapshots/{name}": {
    operation: deleteSnapshotOp,
    status: 204,
    respond: noContent,
  },
} satisfies Record<string, RouteSpec>;
