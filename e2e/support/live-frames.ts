import type { Page } from "@playwright/test";

export interface ProgressFrame {
  label: string;
  step: number;
  steps: number;
  done: number;
  total: number;
}

/** Collects the progress messages this page's /ws/events receives (attach before it loads). */
export function collectProgress(page: Page): ProgressFrame[] {
  const frames: ProgressFrame[] = [];
  page.on("websocket", (ws) => {
    if (!ws.url().endsWith("/ws/events")) return;
    ws.on("framereceived", ({ payload }) => {
      const m = JSON.parse(String(payload)) as { type: string } & ProgressFrame;
      if (m.type === "progress") frames.push(m);
    });
  });
  return frames;
}
