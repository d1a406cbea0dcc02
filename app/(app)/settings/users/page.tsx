import type { Metadata } from "next";
import { UsersAdmin } from "@/components/settings/users-admin";
import { EmptyState } from "@/components/ui/empty-state";
import { listGroups } from "@/lib/access/groups";
import { pageAccessTo } from "@/lib/access/page-access";
import { root } from "@/lib/access/targets";
import { listUsers } from "@/lib/access/users";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const { user, denied } = await pageAccessTo("User.Modify", root);
  if (denied) return <EmptyState title="Users are managed by administrators">{denied}</EmptyState>;
  const [users, groups] = await Promise.all([listUsers(), listGroups()]);
  return (
    <UsersAdmin
      users={users}
      groups={groups.map((g) => ({ id: g.id, name: g.name }))}
      me={user.userId}
    />
  );
}
