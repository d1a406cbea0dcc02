import type { Metadata } from "next";
import Link from "next/link";
import { SecondFactors } from "@/components/auth/second-factors";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { PageHeader } from "@/components/ui/page-header";
import { pageAccess } from "@/lib/access/page-access";
import { secondFactorStatus } from "@/lib/auth/second-factor";
import { setupPage } from "@/lib/auth/session-store";

export const metadata: Metadata = { title: "Second factors" };

/** One's own second factors; also where a user the policy requires one of must set one up. */
export default async function SecurityPage() {
  const { user } = await pageAccess({ duringSetup: true });
  const status = await secondFactorStatus(user.userId);
  const title = `Second factors of ${user.username}`;
  // A forced setup has no app shell around it (app/account/layout.tsx): it keeps a way out.
  if (setupPage(user))
    return (
      <main className="mx-auto max-w-2xl p-6">
        <div className="mb-4 flex items-center justify-between">
          <h1 className="text-xl font-semibold">{title}</h1>
          <SignOutButton />
        </div>
        <SecondFactors status={status} />
      </main>
    );
  return (
    <div className="max-w-2xl">
      <PageHeader
        title={title}
        actions={
          <Link
            href="/settings"
            className="text-sm text-indigo-600 hover:underline dark:text-indigo-400"
          >
            ← Settings
          </Link>
        }
      />
      <SecondFactors status={status} />
    </div>
  );
}
