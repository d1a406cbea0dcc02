"use client";
// The audit log's pages, by filter and cursor. Read on demand (no live updates: it only grows).
import { useQuery } from "@tanstack/react-query";
import type { AuditRow } from "@/lib/audit/query";
import { fetchJson } from "./fetch-json";

export interface AuditFilter {
  user?: string;
  action?: string;
  object?: string;
  outcome?: string;
  from?: string;
  to?: string;
}

export const auditKeys = {
  page: (filter: AuditFilter, cursor: string | null) => ["audit", filter, cursor] as const,
};

/** The query string of a filter (empty fields left out), for the API and the CSV link. */
export function auditQuery(filter: AuditFilter, cursor?: string | null): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v) q.set(k, v);
  if (cursor) q.set("cursor", cursor);
  return q.toString();
}

export function useAuditPage(filter: AuditFilter, cursor: string | null, initial?: AuditPage) {
  return useQuery({
    queryKey: auditKeys.page(filter, cursor),
    queryFn: () => fetchJson<AuditPage>(`/api/v1/audit?${auditQuery(filter, cursor)}`),
    initialData: cursor === null && Object.keys(filter).length === 0 ? initial : undefined,
  });
}

export interface AuditPage {
  rows: AuditRow[];
  next: string | null;
}
