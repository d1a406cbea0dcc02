import type { Metadata } from "next";
import { SecondFactors } from "@/components/auth/second-factors";
import { PageHeader } from "@/components/ui/page-header";
import { pageAccess } from "@/lib/access/page-access";
import { secondFactorStatus } from "@/lib/auth/second-factor";

export const metadata: Metadata = { title: "Second factors" };

/** One's own second factors; also where a user the policy requires one of must set one up. */
export default async function SecurityPage() {
  const { user } = await pageAccess({ duringSetup: true });
  const status = await secondFactorStatus(user.userId);
  return (
    <div className="max-w-2xl">
      <PageHeader title={`Second factors of ${user.username}`} />
      <SecondFactors status={status} />
    </div>
  );
}
