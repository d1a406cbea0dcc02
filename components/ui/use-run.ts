"use client";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/result";

export interface RunOutcome {
  ok: boolean;
  text: string;
}

/**
 * Calls a server action from a button and keeps what came of it for <Outcome>: "done" in the
 * caller's words, or the server's own message (libvirt's words, a permission refusal).
 */
export function useRun() {
  const [outcome, setOutcome] = useState<RunOutcome | null>(null);
  const [pending, startTransition] = useTransition();
  const run = <T>(
    call: () => Promise<ActionResult<T>>,
    done: string | ((data: T) => string),
    after?: (data: T) => void,
  ) =>
    startTransition(async () => {
      setOutcome(null);
      const r = await call();
      if (!r.ok) return setOutcome({ ok: false, text: r.error });
      setOutcome({ ok: true, text: typeof done === "function" ? done(r.data) : done });
      after?.(r.data);
    });
  return { run, outcome, pending, setOutcome };
}
