import type { Metadata } from "next";
import { GroupsAdmin } from "@/components/settings/groups-admin";
import { EmptyState } from "@/components/ui/empty-state";
import { listGroups } from "@/lib/access/groups";
import { pageAccessTo } from "@/lib/access/page-access";
import { root } from "@/lib/access/targets";
import { listUsers } from "@/lib/access/users";

export const metadata: Metadata = { title: "Groups" };

export default async function GroupsPage() {
  const { denied } = await pageAccessTo("User.Modify", root);
  if (denied) return <EmptyState title="Groups are managed by administrators">{denied}</EmptyState>;
  const [groups, users] = await Promise.all([listGroups(), listUsers()]);
  return (
    <GroupsAdmin groups={groups} users={users.map((u) => ({ id: u.id, username: u.username }))} />
  );
}
