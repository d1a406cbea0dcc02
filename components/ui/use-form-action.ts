"use client";
import { type FormEvent, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/result";

/**
 * Submits a form to a server action and keeps what the operator typed when it fails
 * (a plain `<form action>` would reset the fields even on a validation error).
 */
export function useFormAction<T>(
  action: (data: FormData) => Promise<ActionResult<T>>,
  onSuccess: (data: T, form: HTMLFormElement) => void,
) {
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    startTransition(async () => {
      const result = await action(data);
      setFieldErrors(result.ok ? {} : (result.fieldErrors ?? {}));
      setError(result.ok || result.fieldErrors ? null : result.error);
      if (result.ok) onSuccess(result.data, form);
    });
  };
  return { onSubmit, fieldErrors, error, pending };
}
