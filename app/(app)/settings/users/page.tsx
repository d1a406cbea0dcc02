import type { Metadata } from "next";
import { SignInPolicyForm } from "@/components/settings/sign-in-policy";
import { UsersAdmin } from "@/components/settings/users-admin";
import { EmptyState } from "@/components/ui/empty-state";
import { listGroups } from "@/lib/access/groups";
import { pageAccessTo } from "@/lib/access/page-access";
import { listRoles } from "@/lib/access/roles";
import { root } from "@/lib/access/targets";
import { listUsers } from "@/lib/access/users";
import { readSignInPolicy } from "@/lib/auth/second-factor";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const { user, denied } = await pageAccessTo("User.Modify", root);
  if (denied) return <EmptyState title="Users are managed by administrators">{denied}</EmptyState>;
  const [users, groups, policy, roles] = await Promise.all([
    listUsers(),
    listGroups(),
    readSignInPolicy(),
    listRoles(),
  ]);
  return (
    <div className="grid gap-4">
      <UsersAdmin
        users={users}
        groups={groups.map((g) => ({ id: g.id, name: g.name }))}
        me={user.userId}
      />
      <SignInPolicyForm policy={policy} roles={roles.map((r) => r.name)} />
    </div>
  );
}
