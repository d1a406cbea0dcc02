// Route parameters and bodies of /api/v1/hosts/{id}/pools/… checked with the same zod schemas
// the forms use; the first problem becomes a 400.
import type { z } from "zod";
import { AppError } from "@/lib/errors";

export function parseOr400<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join(".");
    throw new AppError(
      "invalid",
      issue ? `${where ? `${where}: ` : ""}${issue.message}` : "Invalid",
    );
  }
  return parsed.data;
}

export async function jsonBody(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text();
  if (!text.trim()) return {};
  try {
    const body = JSON.parse(text) as unknown;
    if (body && typeof body === "object" && !Array.isArray(body))
      return body as Record<string, unknown>;
  } catch {}
  throw new AppError("invalid", "The request body must be a JSON object");
}
