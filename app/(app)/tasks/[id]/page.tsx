import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TaskDetailView } from "@/components/tasks/task-detail";
import { PageHeader } from "@/components/ui/page-header";
import { pageAccess } from "@/lib/access/page-access";
import { isAppError } from "@/lib/errors";
import { getTask } from "@/lib/tasks/query";

export const metadata: Metadata = { title: "Task" };
export const dynamic = "force-dynamic";

export default async function TaskPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { access, user } = await pageAccess();
  const task = await getTask(access, id).catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  const on = task.hostId
    ? { kind: "host" as const, hostId: task.hostId }
    : { kind: "root" as const };
  const mayCancel = task.userId === user.userId || access.can("Sys.Modify", on);
  return (
    <>
      <PageHeader title={task.title} description={task.kind} />
      <TaskDetailView initial={task} mayCancel={mayCancel} />
    </>
  );
}
