import { z } from "zod";

export const CONSOLE_TYPES = ["vnc", "serial"] as const;
export type ConsoleType = (typeof CONSOLE_TYPES)[number];

export const consoleTypeSchema = z.enum(CONSOLE_TYPES, {
  error: `The console type must be one of ${CONSOLE_TYPES.join(", ")}`,
});

/** The browser's request for a console ticket (server action). */
export const openConsoleSchema = z.object({
  id: z.string().min(1).max(64),
  type: consoleTypeSchema,
  /** Serial only: take the console over from another client. */
  force: z.boolean().optional(),
});
export type OpenConsoleInput = z.infer<typeof openConsoleSchema>;

/** POST /api/v1/vms/{id}/consoles */
export const consoleApiBodySchema = z.object({
  type: consoleTypeSchema,
  force: z.boolean().optional(),
});

/** The WebSocket path of a console, with the ticket as its only query parameter. */
export const consolePathSchema = z.object({
  vmId: z.string().min(1).max(64),
  type: consoleTypeSchema,
  ticket: z.string().min(20).max(100),
});

/**
 * Text frames a client may send on a console socket (binary frames are the console's bytes).
 * `ping` measures the round trip through the proxy; `resize` reports the terminal's size.
 */
export const consoleControlSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ping"), t: z.number().finite() }),
  z.object({
    type: z.literal("resize"),
    cols: z.number().int().min(1).max(1000),
    rows: z.number().int().min(1).max(1000),
  }),
]);
export type ConsoleControl = z.infer<typeof consoleControlSchema>;
