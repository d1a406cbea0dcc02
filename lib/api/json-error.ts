import { httpStatus, toActionError, toAppError } from "@/lib/errors";

/** `{ error }` with the matching status; invalid input also lists each field's problems. */
export function jsonError(error: unknown): Response {
  const known = toAppError(error);
  if (!known) return Response.json({ error: toActionError(error) }, { status: 500 });
  const body = known.fields
    ? { error: known.message, fields: known.fields }
    : { error: known.message };
  const retry = known.retryAfterSeconds;
  return Response.json(body, {
    status: httpStatus(known),
    headers: retry !== undefined ? { "Retry-After": String(Math.max(1, Math.ceil(retry))) } : {},
  });
}
