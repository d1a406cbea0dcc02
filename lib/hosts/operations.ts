// Hosts: seeing one needs Host.Audit on it; adding needs Host.Modify on / (it creates a new
// branch of the tree), editing and removing Host.Modify on the host.
import { z } from "zod";
import { forgetHostAccess } from "@/lib/access/forget-object";
import { operation } from "@/lib/access/operation";
import { displayPath } from "@/lib/access/paths";
import { host, root } from "@/lib/access/targets";
import { db } from "@/lib/db/client";
import { toHostSummary } from "@/lib/inventory/summaries";
import { metricsCollector } from "@/lib/metrics/collector";
import { forgetHostHistory } from "@/lib/metrics/store";
import {
  createHostSchema,
  hostIdSchema,
  hostMaintenanceSchema,
  hostMigrationSchema,
  testHostSchema,
  updateHostSchema,
} from "@/lib/schemas/host";
import { getHostDetails } from "./host-details";
import { probeHost } from "./probe-host";
import { createHost, updateHost } from "./save-host";
import { deleteHost, listHosts, saveMigrationSettings, setMaintenance } from "./store";
import { serverReach } from "./uri-reach";

const onHost = { on: "host", target: (i: { id: string }) => host(i.id) } as const;

/** A stored key counts for an edit that keeps it. */
async function hasKey(input: { privateKey?: string | undefined; id?: string | undefined }) {
  if (input.privateKey) return true;
  if (!input.id) return false;
  return (await db.host.findUnique({ where: { id: input.id } }))?.sshKeyRef != null;
}

/** Settings that reach into the Virtdeck server also need Sys.Modify on / (uri-reach.ts). */
async function reachNeeds(input: {
  uri: string;
  privateKey?: string | undefined;
  id?: string | undefined;
}) {
  const reasons = serverReach(input.uri, await hasKey(input));
  return reasons.length
    ? [{ privilege: "Sys.Modify" as const, on: root, because: reasons.join("; ") }]
    : [];
}

export const listHostsOp = operation({
  name: "host.list",
  summary: "The hosts you may see, with their last known status (from the database)",
  input: z.object({}),
  access: { filtered: "Host.Audit" },
  audit: false,
  run: async (_input, { access }) => ({
    hosts: (await listHosts()).filter((h) => access.seesHost(h.id)).map(toHostSummary),
  }),
});

export const getHostOp = operation({
  name: "host.get",
  summary: "Status, facts, VM counts and status history (the private key never)",
  input: hostIdSchema,
  access: { privilege: "Host.Audit", ...onHost },
  audit: false,
  run: async ({ id }, { access }) => ({
    host: await getHostDetails(id, (v) => access.seesVm(v)),
  }),
});

/**
 * Connects once and says what answered. An SSH host key not accepted yet is taken for this test
 * only and returned, so the operator sees its fingerprint; saving then stores exactly that key
 * (trust on first use, as ssh and virt-manager do).
 */
export const testHostOp = operation({
  name: "host.test",
  summary: "Connects once with these settings and says what answered (nothing is saved)",
  input: testHostSchema,
  access: {
    privilege: "Host.Modify",
    on: "host",
    target: (i) => (i.id ? host(i.id) : root),
    also: reachNeeds,
  },
  // A probe of an address of the caller's choosing: recorded, like any attempt to reach a host.
  audit: true,
  run: async (input, { access }) => ({
    reached: await probeHost(
      {
        uri: input.uri,
        sshUser: input.sshUser,
        privateKey: input.privateKey,
        sshHostKey: input.sshHostKey,
        hostId: input.id,
      },
      { trustOffered: true, detailedErrors: access.holdsSysModify() },
    ),
  }),
});

export const addHostOp = operation({
  name: "host.add",
  summary: "Adds a host: validated and connection-tested; nothing is saved unless it answers",
  input: createHostSchema,
  access: { privilege: "Host.Modify", on: "root", target: () => root, also: reachNeeds },
  audit: true,
  run: async (input, { audit, access }) => {
    audit.target = `${input.name} (${input.uri})`;
    const { host: saved, probe } = await createHost(input, access.holdsSysModify());
    audit.objectPath = displayPath({ kind: "host", hostId: saved.id });
    return { host: toHostSummary(saved), reached: probe };
  },
});

export const updateHostOp = operation({
  name: "host.edit",
  summary: "Changes a host's name, URI or SSH settings (tested again before saving)",
  input: updateHostSchema,
  access: { privilege: "Host.Modify", ...onHost, also: reachNeeds },
  audit: true,
  run: async (input, { audit, access }) => {
    audit.target = `${input.name} (${input.uri})`;
    const { host: saved, probe } = await updateHost(input, access.holdsSysModify());
    return { host: toHostSummary(saved), reached: probe };
  },
});

export const hostMigrationOp = operation({
  name: "host.migration-settings",
  summary: "Sets how other hosts reach this one for migrations (peer-to-peer URI, data address)",
  input: hostMigrationSchema,
  access: { privilege: "Host.Modify", ...onHost },
  audit: true,
  run: async (input, { audit }) => {
    audit.detail = `uri ${input.migrationUri ?? "(none)"}, address ${input.migrationAddress ?? "(none)"}`;
    const host = await saveMigrationSettings(input.id, input);
    return { migrationUri: host.migrationUri, migrationAddress: host.migrationAddress };
  },
});

export const hostMaintenanceOp = operation({
  name: "host.maintenance",
  summary:
    "Puts a host in maintenance (no new VMs are created, cloned or migrated there) or takes it out; its running VMs stay",
  input: hostMaintenanceSchema,
  access: { privilege: "Host.Modify", ...onHost },
  audit: true,
  run: async ({ id, maintenance }, { audit }) => {
    audit.detail = maintenance ? "into maintenance" : "out of maintenance";
    return { host: toHostSummary(await setMaintenance(id, maintenance)) };
  },
});

export const removeHostOp = operation({
  name: "host.remove",
  summary: "Virtdeck forgets the host and its grants; nothing on the host changes",
  input: hostIdSchema,
  access: { privilege: "Host.Modify", ...onHost },
  audit: true,
  run: async ({ id }, { audit }) => {
    const removed = await deleteHost(id);
    audit.target = `${removed.name} (${removed.uri})`;
    await forgetHostAccess(id);
    await forgetHostHistory(id);
    metricsCollector()?.forgetHost(id);
    return { deleted: { id: removed.id, name: removed.name } };
  },
});
