// The audit log: Sys.Audit on / reads it, as a page or as CSV.
import { operation } from "@/lib/access/operation";
import { root } from "@/lib/access/targets";
import { auditQuerySchema } from "@/lib/schemas/access";
import { auditCsvStream, listAudit } from "./query";

export const listAuditOp = operation({
  name: "audit.list",
  summary: "The audit log, newest first: filter by user, action, object, outcome and time; paged",
  input: auditQuerySchema,
  access: { privilege: "Sys.Audit", on: "root", target: () => root },
  audit: false,
  run: (q) => listAudit(q),
});

export const exportAuditOp = operation({
  name: "audit.export",
  summary: "The audit log rows the filter matches, as CSV",
  input: auditQuerySchema,
  access: { privilege: "Sys.Audit", on: "root", target: () => root },
  audit: false,
  run: async (q) => ({ csv: auditCsvStream(q) }),
});
