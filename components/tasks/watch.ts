"use client";
// Tasks this tab started and wants a notification for when they end (the task panel posts it,
// so it shows even when the dialog or row that started the task is gone).
export interface Watch {
  /** The notification's key (its test id). */
  key: string;
  /** Words for a success ("Clone: done"). */
  done: string;
}

export const watchedTasks = new Map<string, Watch>();
