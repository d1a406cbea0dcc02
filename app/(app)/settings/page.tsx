import type { Metadata } from "next";
import Link from "next/link";
import { ApiTokens } from "@/components/settings/api-tokens";
import { SessionsList } from "@/components/settings/sessions-list";
import { Card } from "@/components/ui/card";
import { LINK } from "@/components/ui/link-style";
import { pageAccess } from "@/lib/access/page-access";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { listSessions } from "@/lib/auth/sessions";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const { user } = await pageAccess();
  const [tokens, sessions] = await Promise.all([
    listApiTokens(user.userId),
    listSessions(user.userId),
  ]);
  return (
    <div className="grid max-w-3xl gap-4">
      <Card title="Account">
        <p className="text-sm">
          Signed in as <strong>{user.username}</strong>. Your session ends{" "}
          {user.expiresAt.toUTCString()} unless you use it.
        </p>
        <div className="mt-3 flex gap-4 text-sm font-medium">
          <Link href="/account/password" className={LINK}>
            Change password
          </Link>
          <Link href="/account/security" className={LINK}>
            Second factors (TOTP, passkeys)
          </Link>
        </div>
      </Card>
      <Card title="API tokens">
        <ApiTokens tokens={tokens} />
      </Card>
      <Card title="Sessions">
        <SessionsList
          sessions={sessions.map((s) => ({ ...s, current: s.id === user.sessionId }))}
          scope="mine"
        />
      </Card>
    </div>
  );
}
