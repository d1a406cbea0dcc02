// One application error type, with codes that map to HTTP statuses. Unknown errors are logged
// with an id and shown as a generic message that names it, so the log line can be found.
import { randomBytes } from "node:crypto";

export type AppErrorCode =
  | "invalid"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "upstream";

const STATUS: Record<AppErrorCode, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  upstream: 502,
};

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "AppError";
  }
  get status(): number {
    return STATUS[this.code];
  }
}

/** Next's redirect() and notFound() work by throwing; they must pass through untouched. */
function isNextControlFlow(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return (
    typeof digest === "string" &&
    (digest.startsWith("NEXT_REDIRECT") || digest.startsWith("NEXT_HTTP_ERROR"))
  );
}

export function toActionError(error: unknown): string {
  if (isNextControlFlow(error)) throw error;
  if (error instanceof AppError) return error.message;
  const id = randomBytes(4).toString("hex");
  console.error(`[virtdeck] error ${id}:`, error);
  return `Something went wrong (error id ${id}; see the server log)`;
}
