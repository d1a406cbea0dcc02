// The one wrapper every way in goes through (server actions, API routes, the tests):
// identity → input → permission → run → audit. A refusal at any step is recorded the same way
// for every object, and nothing runs before the caller's privilege on the object is checked.

import type { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { type SessionUser, setupPage, setupRefusal } from "@/lib/auth/session-store";
import { AppError, isAppError, toActionError } from "@/lib/errors";
import { type Access, accessFor } from "./access";
import { parseInput } from "./input";
import type { AnyOperation, AuditNote, OpContext, Operation, SignedInContext } from "./operation";
import { type Privilege, SEE } from "./privileges";
import { type ResolvedTarget, resolveTarget } from "./targets";

export interface Caller {
  /** Null for a request without a valid session or token. */
  user: SessionUser | null;
  userAgent?: string | null;
  clientAddress?: string | null;
  /** The origin the client addressed (VIRTDECK_PUBLIC_URL's, else its scheme and Host). */
  origin?: string | null;
  body?: ReadableStream<Uint8Array>;
  /** The caller follows tasks itself (the API): a usually quick long action answers with its task at once. */
  respondAsync?: boolean;
  /** A refusal the way in decided (a forged cross-site request): refused and audited like any. */
  refusal?: AppError;
}

/** The kinds of object hidden from a caller who may not see them, and how their absence reads. */
const NOT_FOUND: Record<string, string> = {
  host: "No such host",
  vm: "No such VM",
  pool: "No such pool",
  network: "No such network",
};

/**
 * Refuses unless the caller holds the privilege on the object. An object the caller may not even
 * see is "not found", exactly as one that does not exist, so names and ids do not leak. `because`
 * says what in the input asked for it.
 */
export function demand(
  access: Access,
  privilege: Privilege,
  target: ResolvedTarget,
  hidden: boolean,
  because?: string,
): void {
  if (access.can(privilege, target.object)) return;
  // / and VM groups always exist; hosts, VMs, pools and networks are hidden when not visible.
  if (hidden && target.object.kind in NOT_FOUND && !access.sees(target.object))
    throw new AppError("not_found", NOT_FOUND[target.object.kind] ?? "Not found");
  throw new AppError(
    "forbidden",
    `Permission denied: this needs ${privilege} on ${target.label} (${target.path})${because ? `: ${because}` : ""}`,
  );
}

/** The operation's object, or null for rules that name none. */
async function targetOf(op: AnyOperation, input: unknown): Promise<ResolvedTarget | null> {
  return "privilege" in op.access ? resolveTarget(await op.access.target(input as never)) : null;
}

async function authorize(
  op: AnyOperation,
  input: unknown,
  access: Access,
  target: ResolvedTarget | null,
): Promise<void> {
  const rule = op.access;
  if (!("privilege" in rule) || !target) return;
  const main =
    typeof rule.privilege === "string"
      ? [rule.privilege]
      : await rule.privilege(input as never, target);
  // The first check decides "not found" for an object the caller cannot see at all.
  for (const [i, privilege] of main.entries()) demand(access, privilege, target, i === 0);
  // Nothing to change still needs the object to be visible.
  const see = SEE[target.object.kind];
  if (main.length === 0 && see) demand(access, see, target, true);
  for (const need of (await rule.also?.(input as never, target, access)) ?? []) {
    demand(access, need.privilege, await resolveTarget(need.on), false, need.because);
  }
}

function signedInCheck(op: AnyOperation, user: SessionUser | null): void {
  if ("open" in op.access && op.access.open === "public") return;
  if (!user)
    throw new AppError("unauthorized", "Sign in or send an API token (Authorization: Bearer …)");
  const allowed = "open" in op.access && op.access.duringSetup;
  if (setupPage(user) && !allowed) throw new AppError("forbidden", setupRefusal(user));
}

/** Refusals: the wrapper's own (before running), and Virtdeck's checks inside the run. */
function outcomeOf(error: unknown, ran: boolean): "refused" | "error" {
  if (!ran) return "refused";
  return isAppError(error) &&
    ["invalid", "conflict", "forbidden", "unauthorized", "too_many", "too_large"].includes(
      error.code,
    )
    ? "refused"
    : "error";
}

async function audit(
  op: AnyOperation,
  actionName: string | undefined,
  caller: Caller,
  note: AuditNote,
  target: ResolvedTarget | null,
  outcome: "ok" | "refused" | "error",
  detail?: string,
): Promise<void> {
  if (!op.audit) return;
  await recordAudit({
    user: note.user !== undefined ? note.user : caller.user,
    clientAddress: caller.clientAddress,
    userAgent: caller.userAgent,
    action: actionName ?? op.name,
    target: note.target ?? target?.label ?? "(not resolved)",
    objectPath: note.objectPath ?? target?.path ?? null,
    outcome,
    detail: [note.detail, detail].filter(Boolean).join("; ") || undefined,
  });
}

interface Admitted {
  input: unknown;
  access: Access | null;
  target: ResolvedTarget | null;
}

/** The wrapper's checks before running: identity, input, permission. Throws the refusal. */
async function admit(
  op: AnyOperation,
  caller: Caller,
  raw: unknown,
  onTarget: (input: unknown, t: ResolvedTarget | null) => void,
): Promise<Admitted> {
  signedInCheck(op, caller.user);
  if (caller.refusal) throw caller.refusal;
  const input = parseInput(op.input, raw);
  const access = caller.user ? await accessFor(caller.user) : null;
  const target = await targetOf(op, input);
  onTarget(input, target);
  if (access) await authorize(op, input, access, target);
  return { input, access, target };
}

/**
 * Whether the caller would be let through to the operation with this input, without running it
 * (nothing is changed or audited): the permission tests ask it for every operation and caller.
 */
export async function admits<S extends z.ZodType, T>(
  operation: Operation<S, T>,
  caller: Caller,
  raw: unknown,
): Promise<ResolvedTarget | null> {
  return (await admit(operation as unknown as AnyOperation, caller, raw, () => undefined)).target;
}

export async function invoke<S extends z.ZodType, T>(
  operation: Operation<S, T>,
  caller: Caller,
  raw: unknown,
): Promise<T> {
  const op = operation as unknown as AnyOperation;
  const note: AuditNote = {};
  let target: ResolvedTarget | null = null;
  let actionName: string | undefined;
  let ran = false;
  try {
    const admitted = await admit(op, caller, raw, (input, t) => {
      actionName = op.auditAction?.(input);
      target = t;
    });
    const ctx: OpContext = {
      user: caller.user,
      access: admitted.access,
      target: admitted.target,
      audit: note,
      body: caller.body,
      respondAsync: caller.respondAsync,
      userAgent: caller.userAgent,
      clientAddress: caller.clientAddress,
      origin: caller.origin,
    };
    ran = true;
    const result = await op.run(admitted.input, ctx as SignedInContext);
    await audit(op, actionName, caller, note, target, "ok");
    return result as T;
  } catch (error) {
    await audit(
      op,
      actionName,
      caller,
      note,
      target,
      outcomeOf(error, ran),
      toActionError(error),
    ).catch(() => undefined);
    throw error;
  }
}
