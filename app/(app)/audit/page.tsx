import type { Metadata } from "next";
import { AuditLog } from "@/components/audit/audit-log";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { pageAccessTo } from "@/lib/access/page-access";
import { root } from "@/lib/access/targets";
import { listAudit } from "@/lib/audit/query";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

export default async function AuditPage() {
  const { denied } = await pageAccessTo("Sys.Audit", root);
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change and every refusal: who, what, on which object, how it ended."
      />
      {denied ? (
        <EmptyState title="The audit log needs Sys.Audit on /">{denied}</EmptyState>
      ) : (
        <AuditLog initial={await listAudit({ limit: 100 })} />
      )}
    </>
  );
}
