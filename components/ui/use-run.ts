"use client";
import { useTransition } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { useToast } from "./toaster";

/**
 * Calls a server action from a button and shows what came of it as a notification under `key`
 * (its test id; a newer result of the same key replaces the older): "done" in the caller's
 * words, or the server's own message (libvirt's words, a permission refusal). An empty `done`
 * says nothing on success (a read whose answer the page shows). `after` runs on success,
 * `refused` on a refusal (after its notification). The notification is posted even when the
 * component has gone meanwhile (a row replaced by a live update).
 */
export function useRun(key: string) {
  const { notify, dismiss } = useToast();
  const [pending, startTransition] = useTransition();
  const run = <T>(
    call: () => Promise<ActionResult<T>>,
    done: string | ((data: T) => string),
    after?: (data: T) => void,
    refused?: (error: string) => void,
  ) =>
    startTransition(async () => {
      dismiss(key);
      const r = await call();
      if (!r.ok) {
        notify({ key, ok: false, text: r.error });
        return refused?.(r.error);
      }
      const text = typeof done === "function" ? done(r.data) : done;
      if (text) notify({ key, ok: true, text });
      after?.(r.data);
    });
  return { run, pending };
}
