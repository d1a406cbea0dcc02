import type { Metadata } from "next";
import { TaskList } from "@/components/tasks/task-list";
import { PageHeader } from "@/components/ui/page-header";
import { pageAccess } from "@/lib/access/page-access";
import { listTasks } from "@/lib/tasks/query";

export const metadata: Metadata = { title: "Tasks" };
export const dynamic = "force-dynamic";

export default async function TasksPage() {
  const { access } = await pageAccess();
  return (
    <>
      <PageHeader
        title="Tasks"
        description="Long actions (creates, clones, copies, uploads, migrations, snapshots): yours and those on objects you may see."
      />
      <TaskList initial={await listTasks(access, { limit: 100 })} />
    </>
  );
}
