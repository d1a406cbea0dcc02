// One application error type, with codes that map to HTTP statuses. Unknown errors are logged
// with an id and shown as a generic message that names it, so the log line can be found.
import { randomBytes } from "node:crypto";

export type AppErrorCode =
  | "invalid"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "too_large"
  | "unsupported_media"
  | "too_many"
  | "upstream";

const STATUS: Record<AppErrorCode, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media: 415,
  too_many: 429,
  upstream: 502,
};

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** For invalid input: the message of each field that was wrong, by its path ("disk.sizeGib"). */
    readonly fields?: Record<string, string[]>,
    /** For too_many: seconds until the caller may try again (sent as Retry-After). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export function httpStatus(error: AppError): number {
  return STATUS[error.code];
}

/** Next's redirect() and notFound() work by throwing; they must pass through untouched. */
function isNextControlFlow(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return (
    typeof digest === "string" &&
    (digest.startsWith("NEXT_REDIRECT") || digest.startsWith("NEXT_HTTP_ERROR"))
  );
}

/**
 * Checked by shape, not instanceof: Next's bundle and server.ts each load their own copy of
 * this module, and errors cross between them (a connection made by one, used by the other).
 */
export function isAppError(error: unknown): error is AppError {
  return (
    (error as { name?: unknown } | null)?.name === "AppError" &&
    typeof (error as AppError).code === "string"
  );
}

/** libvirt's own errors, by shape (see isAppError): their message is what virsh would print. */
export function asLibvirtError(error: unknown): { code: number; message: string } | null {
  const e = error as { name?: unknown; code?: unknown; message?: unknown } | null;
  return e?.name === "LibvirtError" && typeof e.code === "number"
    ? { code: e.code, message: String(e.message) }
    : null;
}

/** Connection-level failures of lib/libvirt (closed, timed out, unreachable). */
export function isConnectionFailure(error: unknown): error is Error {
  return (error as { name?: unknown } | null)?.name === "ConnectionError";
}

/** Maps libvirt's error codes to HTTP: not found 404, not valid in this state 409, else 502. */
export function toAppError(error: unknown): AppError | null {
  if (isAppError(error)) return error;
  const lv = asLibvirtError(error);
  if (lv) {
    const NOT_FOUND = [42, 43, 49, 50, 53, 72];
    const code: AppErrorCode = NOT_FOUND.includes(lv.code)
      ? "not_found"
      : lv.code === 55
        ? "conflict"
        : lv.code === 8 || lv.code === 27
          ? "invalid"
          : "upstream";
    return new AppError(code, lv.message);
  }
  if (isConnectionFailure(error)) return new AppError("upstream", error.message);
  return null;
}

export function toActionError(error: unknown): string {
  if (isNextControlFlow(error)) throw error;
  const known = toAppError(error);
  if (known) return known.message;
  const id = randomBytes(4).toString("hex");
  console.error(`[virtdeck] error ${id}: ${describeForLog(error)}`);
  return `Something went wrong (error id ${id}; see the server log)`;
}

/**
 * One line (and the stack's frames) for the server log, never the whole object: a database
 * error's message quotes the query and its arguments (password hashes, sealed keys), so of those
 * only the class and code are logged.
 */
export function describeForLog(error: unknown): string {
  if (!(error instanceof Error)) return `a thrown ${typeof error}`;
  const e = error as Error & { code?: unknown; clientVersion?: unknown };
  const code = typeof e.code === "string" || typeof e.code === "number" ? ` ${e.code}` : "";
  if (e.clientVersion !== undefined || e.name.startsWith("Prisma"))
    return `${e.name}${code} (database error; message withheld: it quotes the query)`;
  const frames = (e.stack ?? "").split("\n").filter((l) => l.trimStart().startsWith("at "));
  return [`${e.name}${code}: ${e.message}`, ...frames.slice(0, 8)].join("\n");
}
