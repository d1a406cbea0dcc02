import type { Metadata } from "next";
import { AllTokens } from "@/components/settings/all-tokens";
import { LockoutsList } from "@/components/settings/lockouts-list";
import { SessionsList } from "@/components/settings/sessions-list";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { pageAccessTo } from "@/lib/access/page-access";
import { root } from "@/lib/access/targets";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { listSessions } from "@/lib/auth/sessions";
import { listLockouts } from "@/lib/auth/sign-in-throttle";

export const metadata: Metadata = { title: "Sessions and tokens" };

export default async function AllSessionsPage() {
  const { user, denied } = await pageAccessTo("User.Modify", root);
  if (denied) return <EmptyState title="For administrators">{denied}</EmptyState>;
  const [sessions, tokens, lockouts] = await Promise.all([
    listSessions(null),
    listApiTokens(null),
    listLockouts(),
  ]);
  return (
    <div className="grid gap-4">
      <Card title="Everyone's sessions">
        <SessionsList
          sessions={sessions.map((s) => ({ ...s, current: s.id === user.sessionId }))}
          scope="all"
        />
      </Card>
      <Card title="Everyone's API tokens">
        <AllTokens tokens={tokens} />
      </Card>
      <Card title="Sign-in lockouts">
        <LockoutsList lockouts={lockouts} />
      </Card>
    </div>
  );
}
