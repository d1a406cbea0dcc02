import type { Metadata } from "next";
import Link from "next/link";
import { SecondFactors } from "@/components/auth/second-factors";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { pageAccess } from "@/lib/access/page-access";
import { secondFactorStatus } from "@/lib/auth/second-factor";

export const metadata: Metadata = { title: "Second factors" };

/** One's own second factors; also where a user the policy requires one of must set one up. */
export default async function SecurityPage() {
  const { user } = await pageAccess({ duringSetup: true });
  const status = await secondFactorStatus(user.userId);
  return (
    <main className="mx-auto max-w-2xl p-6">
      <div className="mb-4 flex items-center justify-between">
        <h1 className="text-xl font-semibold">Second factors of {user.username}</h1>
        <div className="flex items-center gap-4">
          {user.mustEnrolSecondFactor ? null : (
            <Link
              href="/settings"
              className="text-sm text-indigo-600 hover:underline dark:text-indigo-400"
            >
              ← Settings
            </Link>
          )}
          <SignOutButton />
        </div>
      </div>
      <SecondFactors status={status} />
    </main>
  );
}
