import { httpStatus, toActionError, toAppError } from "@/lib/errors";

export function jsonError(error: unknown): Response {
  const known = toAppError(error);
  if (known) return Response.json({ error: known.message }, { status: httpStatus(known) });
  return Response.json({ error: toActionError(error) }, { status: 500 });
}
