import type { Metadata } from "next";
import Link from "next/link";
import { PoolDetailView } from "@/components/storage/pool-detail";
import { EmptyState } from "@/components/ui/empty-state";
import { LINK } from "@/components/ui/link-style";
import { PageHeader } from "@/components/ui/page-header";
import { pageAccessTo } from "@/lib/access/page-access";
import { pool as poolTarget } from "@/lib/access/targets";
import { toActionError } from "@/lib/errors";
import { getPoolDetail } from "@/lib/storage/read-storage";
import type { PoolDetail } from "@/lib/storage/summaries";

export const metadata: Metadata = { title: "Storage pool" };
export const dynamic = "force-dynamic";

export default async function Page({
  params,
}: {
  params: Promise<{ hostId: string; pool: string }>;
}) {
  const { hostId, pool: raw } = await params;
  const name = decodeURIComponent(raw);
  const { access } = await pageAccessTo("Datastore.Audit", poolTarget(hostId, name));
  let pool: PoolDetail | null = null;
  let error = "";
  try {
    pool = await getPoolDetail(hostId, name, access);
  } catch (e) {
    error = toActionError(e);
  }
  if (pool) return <PoolDetailView initial={pool} />;
  return (
    <>
      <PageHeader
        title={name}
        actions={
          <Link href="/storage" className={`text-sm ${LINK}`}>
            ← All storage
          </Link>
        }
      />
      <EmptyState title="Cannot read this pool">{error}</EmptyState>
    </>
  );
}
