import { type APIRequestContext, type APIResponse, expect } from "@playwright/test";

export interface FollowedTask {
  id: string;
  kind: string;
  state: string;
  result: unknown;
  error: string | null;
  log: { line: string }[];
}

/**
 * A long action's answer: 202 with its task and a Location to follow; polls that until the task
 * ends and returns it as it ended (with its log).
 */
export async function followTask(
  request: APIRequestContext,
  answer: APIResponse,
  timeout = 60_000,
): Promise<FollowedTask> {
  expect(answer.status(), await answer.text()).toBe(202);
  const { task } = (await answer.json()) as { task: { id: string } };
  expect(answer.headers().location).toBe(`/api/v1/tasks/${task.id}`);
  let ended: FollowedTask | undefined;
  await expect
    .poll(
      async () => {
        const r = await request.get(`/api/v1/tasks/${task.id}`);
        ended = ((await r.json()) as { task: FollowedTask }).task;
        return ended.state;
      },
      { timeout },
    )
    .not.toMatch(/^(queued|running)$/);
  return ended as FollowedTask;
}
