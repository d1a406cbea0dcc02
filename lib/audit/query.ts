// Reading the audit trail: filtered, newest first, paged by cursor, with a link to each row's
// object where it still exists; and the same rows as CSV, streamed page by page.
import { parsePath } from "@/lib/access/paths";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { AuditEvent, Prisma } from "@/lib/generated/prisma/client";
import type { AuditQuery } from "@/lib/schemas/access";

export interface AuditRow {
  id: string;
  at: string;
  username: string;
  action: string;
  target: string;
  objectPath: string | null;
  outcome: string;
  detail: string | null;
  /** Where the request came from, and its browser (null for rows older than these columns). */
  clientAddress: string | null;
  userAgent: string | null;
  /** The object's page, when it has one. */
  link: string | null;
}

function where(q: AuditQuery): Prisma.AuditEventWhereInput {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (q.user) and.push({ username: q.user });
  if (q.action) and.push({ action: { startsWith: q.action } });
  if (q.outcome) and.push({ outcome: q.outcome });
  if (q.object)
    and.push({
      OR: [{ target: { contains: q.object } }, { objectPath: { startsWith: q.object } }],
    });
  if (q.from) and.push({ at: { gte: new Date(q.from) } });
  if (q.to) and.push({ at: { lte: new Date(q.to) } });
  return { AND: and };
}

async function links(rows: { objectPath: string | null }[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const vms: { hostId: string; uuid: string; path: string }[] = [];
  for (const { objectPath } of rows) {
    if (!objectPath || out.has(objectPath)) continue;
    const p = parsePath(objectPath);
    if (p?.kind === "host") out.set(objectPath, `/hosts/${p.hostId}`);
    if (p?.kind === "pool")
      out.set(objectPath, `/storage/${p.hostId}/${encodeURIComponent(p.pool)}`);
    if (p?.kind === "network")
      out.set(objectPath, `/networks/${p.hostId}/${encodeURIComponent(p.network)}`);
    if (p?.kind === "group") out.set(objectPath, "/settings/vm-groups");
    if (p?.kind === "vm" && p.hostId)
      vms.push({ hostId: p.hostId, uuid: p.uuid, path: objectPath });
  }
  const uuids = [...new Set(vms.map((v) => v.uuid))];
  const found = new Map<string, string>();
  // In chunks: a page of rows must not make one query with thousands of parameters.
  for (let i = 0; i < uuids.length; i += 500) {
    const rows = await db.vm.findMany({
      where: { uuid: { in: uuids.slice(i, i + 500) } },
      select: { id: true, hostId: true, uuid: true },
    });
    for (const r of rows) found.set(`${r.hostId}/${r.uuid}`, r.id);
  }
  for (const v of vms) {
    const id = found.get(`${v.hostId}/${v.uuid}`);
    if (id) out.set(v.path, `/vms/${id}`);
  }
  return out;
}

/** One page of the filter's rows, newest first, and the cursor of the next page. */
async function auditPage(q: AuditQuery) {
  const page = await db.auditEvent.findMany({
    where: where(q),
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: q.limit + 1,
    ...(q.cursor ? { cursor: { id: q.cursor }, skip: 1 } : {}),
  });
  const rows = page.slice(0, q.limit);
  return { rows, next: page.length > q.limit ? (rows[rows.length - 1]?.id ?? null) : null };
}

export async function listAudit(q: AuditQuery): Promise<{ rows: AuditRow[]; next: string | null }> {
  const { rows, next } = await auditPage(q);
  const linkOf = await links(rows);
  return {
    rows: rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      username: r.username,
      action: r.action,
      target: r.target,
      objectPath: r.objectPath,
      outcome: r.outcome,
      detail: r.detail,
      clientAddress: r.clientAddress,
      userAgent: r.userAgent,
      link: r.objectPath ? (linkOf.get(r.objectPath) ?? null) : null,
    })),
    next,
  };
}

function csvField(value: string | null): string {
  const text = value ?? "";
  // Quoted always; a leading = + - @ is defused so a spreadsheet does not run it as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
}

const CSV_HEADER = "at,user,action,target,path,outcome,detail,address,user agent\r\n";
const EXPORT_PAGE = 500;
const EXPORT_MAX_ROWS = 100_000;
/** An export whose reader went quiet this long no longer holds the one export slot. */
const EXPORT_STALE_MS = 5 * 60_000;
/** The running export: it marks when it last read a page. */
let running: { lastRead: number } | null = null;

/**
 * Every row the filter matches (up to 100,000) as CSV with a header line, read a page at a time
 * as the client takes it: the database (synchronous SQLite) is never held for the whole export,
 * and other requests are served between pages. One export runs at a time; another is refused.
 */
export function auditCsvStream(q: AuditQuery): ReadableStream<Uint8Array> {
  if (running && Date.now() - running.lastRead < EXPORT_STALE_MS)
    throw new AppError(
      "too_many",
      "An audit export is already running: try again when it has finished",
      undefined,
      5,
    );
  const mine = { lastRead: Date.now() };
  running = mine;
  const release = () => {
    if (running === mine) running = null;
  };
  const encoder = new TextEncoder();
  let cursor: string | undefined;
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(CSV_HEADER));
    },
    async pull(controller) {
      try {
        // A turn of the event loop between pages, so waiting requests go first.
        await new Promise((resolve) => setImmediate(resolve));
        mine.lastRead = Date.now();
        const { rows, next } = await auditPage({ ...q, cursor, limit: EXPORT_PAGE });
        controller.enqueue(encoder.encode(rows.map(csvLine).join("")));
        sent += rows.length;
        cursor = next ?? undefined;
        if (!next || sent >= EXPORT_MAX_ROWS) {
          release();
          controller.close();
        }
      } catch (error) {
        release();
        controller.error(error);
      }
    },
    cancel: release,
  });
}

function csvLine(r: AuditEvent): string {
  const fields = [
    r.at.toISOString(),
    r.username,
    r.action,
    r.target,
    r.objectPath,
    r.outcome,
    r.detail,
    r.clientAddress,
    r.userAgent,
  ];
  return `${fields.map(csvField).join(",")}\r\n`;
}
