import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { HostDetail } from "@/components/hosts/host-detail";
import { requireUser } from "@/lib/auth/current-user";
import { isAppError } from "@/lib/errors";
import { getHostDetails } from "@/lib/hosts/host-details";

export const metadata: Metadata = { title: "Host" };

export default async function HostPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser();
  const { id } = await params;
  const host = await getHostDetails(id).catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  return <HostDetail host={host} />;
}
