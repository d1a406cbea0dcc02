import type { Metadata } from "next";
import Link from "next/link";
import { ApiTokens } from "@/components/settings/api-tokens";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { requireUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requireUser();
  const tokens = await listApiTokens(user.userId);
  return (
    <>
      <PageHeader title="Settings" description="Your account and this Virtdeck installation." />
      <div className="grid max-w-2xl gap-4">
        <Card title="Account">
          <p className="text-sm">
            Signed in as <strong>{user.username}</strong>. Your session ends{" "}
            {user.expiresAt.toUTCString()} unless you use it.
          </p>
          <Link
            href="/account/password"
            className="mt-3 inline-block text-sm font-medium text-indigo-600 hover:underline dark:text-indigo-400"
          >
            Change password
          </Link>
        </Card>
        <Card title="API tokens">
          <ApiTokens
            tokens={tokens.map((t) => ({
              id: t.id,
              name: t.name,
              prefix: t.prefix,
              createdAt: t.createdAt.toISOString(),
              lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
            }))}
          />
        </Card>
      </div>
    </>
  );
}
