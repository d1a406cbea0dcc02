"use client";
import { useEffect } from "react";
import { useToast } from "./toaster";

/**
 * A result a component keeps in its own state, shown as a notification: posted when it
 * changes, withdrawn when it goes back to null. (Buttons that only call an action use useRun.)
 */
export function Outcome({
  value,
  testId,
}: {
  value: { ok: boolean; text: string } | null;
  testId: string;
}) {
  const { notify, dismiss } = useToast();
  useEffect(() => {
    if (value) notify({ key: testId, ok: value.ok, text: value.text });
    else dismiss(testId);
  }, [value, testId, notify, dismiss]);
  return null;
}
