import type { Page } from "@playwright/test";

export interface TaskFrame {
  id: string;
  kind: string;
  state: string;
  phase: string | null;
  done: number | null;
  total: number | null;
}

/** Collects the task messages this page's /ws/events receives (attach before it loads). */
export function collectTaskFrames(page: Page): TaskFrame[] {
  const frames: TaskFrame[] = [];
  page.on("websocket", (ws) => {
    if (!ws.url().endsWith("/ws/events")) return;
    ws.on("framereceived", ({ payload }) => {
      const m = JSON.parse(String(payload)) as { type: string; task?: TaskFrame };
      if (m.type === "task" && m.task) frames.push(m.task);
    });
  });
  return frames;
}
