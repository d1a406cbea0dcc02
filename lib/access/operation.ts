// An operation is one thing a caller can do (start a VM, list pools, grant a role): its input
// schema, the privilege it needs and on which object (from its input), whether it is audited,
// and the service call. Server actions, API routes and the tests all run operations through
// one wrapper (invoke.ts), so a check cannot be forgotten on one of the ways in.
import type { z } from "zod";
import type { SessionUser } from "@/lib/auth/session-store";
import type { Access } from "./access";
import type { Privilege } from "./privileges";
import type { ResolvedTarget, Target } from "./targets";

/** A privilege needed on an object, besides the operation's main one. */
export interface Need {
  privilege: Privilege;
  on: Target;
  /** Why the input needs it, in words, for the refusal and its audit row. */
  because?: string;
}

export type TargetKind = Target["kind"];

export type AccessRule<I> =
  /** Open to signed-out callers (signing in). */
  | { open: "public" }
  /** Any signed-in caller, acting on their own account (password, tokens, sessions). */
  | { open: "self"; duringSetup?: boolean }
  /** Any signed-in caller; the results are only what `privilege` lets them see. */
  | { filtered: Privilege; describe?: string }
  | {
      /**
       * The privilege on the object; a function when it depends on the input (a resources edit
       * needs VM.Config.CPU for vCPUs, VM.Config.Memory for memory), with `describe` for the docs.
       */
      privilege:
        | Privilege
        | ((input: I, target: ResolvedTarget) => Privilege[] | Promise<Privilege[]>);
      describe?: string;
      on: TargetKind;
      /** The object, from the input (async when it must be looked up: a grant's path). */
      target: (input: I) => Target | Promise<Target>;
      /** Further privileges the input asks for (the pool of a new disk, a NIC's network). */
      also?: (input: I, target: ResolvedTarget, access: Access) => Need[] | Promise<Need[]>;
    };

export interface AuditNote {
  /** Overrides who the audit row names (signing in: the user who signed in). */
  user?: { userId: string; username: string } | null;
  /** Overrides the target label (creating: the new object's name). */
  target?: string;
  /** Overrides the object's path (creating: the new object's, so the row links to it). */
  objectPath?: string;
  detail?: string;
}

export interface OpContext {
  user: SessionUser | null;
  access: Access | null;
  target: ResolvedTarget | null;
  audit: AuditNote;
  /** The raw request body of a streamed upload (API only). */
  body?: ReadableStream<Uint8Array>;
  /** The API: a long action the pages wait for answers with its task at once (202) instead. */
  respondAsync?: boolean;
  userAgent?: string | null;
  /** The client's address (the socket's peer, or a trusted proxy's client). */
  clientAddress?: string | null;
  /** The origin the client addressed (passkeys are bound to its host name). */
  origin?: string | null;
}

/** The context of a signed-in caller's operation (every rule but "public"). */
export interface SignedInContext extends OpContext {
  user: SessionUser;
  access: Access;
}

export interface Operation<S extends z.ZodType = z.ZodType, T = unknown> {
  /** Dotted name, also the audit trail's action: "vm.start", "acl.grant". */
  name: string;
  /** One line for the API reference. */
  summary: string;
  input: S;
  access: AccessRule<z.output<S>>;
  /** Changes something (or hands out something, like a console ticket): audited whatever the outcome. */
  audit: boolean;
  /**
   * The audit trail's name for this input when it is more precise than `name` ("vm.start" for
   * the power operation with action "start"); the same for a success and a refusal.
   */
  auditAction?: (input: z.output<S>) => string;
  run(input: z.output<S>, ctx: SignedInContext): Promise<T>;
}

export type AnyOperation = Operation<z.ZodType, unknown>;

const REGISTRY = new Map<string, AnyOperation>();

/** Defines and registers an operation; names are unique. */
export function operation<S extends z.ZodType, T>(op: Operation<S, T>): Operation<S, T> {
  const known = REGISTRY.get(op.name);
  if (known && known !== (op as unknown as AnyOperation))
    throw new Error(`Two operations are named ${op.name}`);
  REGISTRY.set(op.name, op as unknown as AnyOperation);
  return op;
}

export function registeredOperations(): AnyOperation[] {
  return [...REGISTRY.values()];
}

const KIND_WORDS: Record<TargetKind, string> = {
  root: "/",
  host: "the host",
  vm: "the VM",
  vmUuid: "the VM",
  pool: "the pool",
  network: "the network",
  group: "the VM group",
};

/** The rule in words, for the API reference: "VM.PowerMgmt on the VM". */
export function describeAccess(rule: AccessRule<never>): string {
  if ("open" in rule)
    return rule.open === "public" ? "Open to everyone" : "Any signed-in user (their own account)";
  if ("filtered" in rule)
    return rule.describe ?? `Any signed-in user; lists what ${rule.filtered} lets them see`;
  const privilege = typeof rule.privilege === "string" ? rule.privilege : rule.describe;
  return `${privilege} on ${KIND_WORDS[rule.on]}`;
}
