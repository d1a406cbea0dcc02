// Inputs of users, groups, roles, permissions (ACL), VM groups, tokens and the audit log.
import { z } from "zod";
import { isPrivilege } from "@/lib/access/privileges";
import { PASSWORD_MAX_LENGTH, passwordSchema } from "./password-policy";

const id = z.string().min(1).max(64);

/** Login names: what people type at the sign-in page; also used in "user!token" names. */
export const usernameSchema = z
  .string()
  .trim()
  .min(2, "Username: at least 2 characters")
  .max(64, "Username: at most 64 characters")
  .regex(/^[a-z0-9][a-z0-9._@-]*$/, "Username: lower-case letters, digits and . _ @ - only");

export { passwordSchema };

const groupNameSchema = z
  .string()
  .trim()
  .min(1, "Name is required")
  .max(64, "Name: at most 64 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "Name: letters, digits, '.', '_' and '-' only");

const description = z.string().trim().max(500, "Description: at most 500 characters").default("");

export const createUserSchema = z.object({
  username: usernameSchema,
  /** Empty: a one-time password is generated and shown once. */
  password: z.union([z.literal(""), passwordSchema]).default(""),
  /** The user must choose a new password at first sign-in. */
  mustChangePassword: z.coerce.boolean().default(true),
  groups: z.array(id).max(100).default([]),
});

export const updateUserSchema = z.object({
  id,
  disabled: z.boolean().optional(),
  groups: z.array(id).max(100).optional(),
});

export const userIdSchema = z.object({ id });

/**
 * The identity-provider group a group follows (a name in the OIDC groups claim, as the provider
 * spells it: "/admins", "CN=ops,OU=…"); empty means none.
 */
const providerGroupSchema = z
  .string()
  .trim()
  .max(200, "Identity-provider group: at most 200 characters")
  .regex(/^[^\p{Cc}]*$/u, "Identity-provider group: no control characters")
  .transform((name) => name || null);

export const createGroupSchema = z.object({
  name: groupNameSchema,
  description,
  // prefault: the default goes through the schema too, so an absent mapping is null, not "".
  providerGroup: providerGroupSchema.prefault(""),
});
export const updateGroupSchema = z.object({
  id,
  description: description.optional(),
  providerGroup: providerGroupSchema.optional(),
  members: z.array(id).max(10_000).optional(),
});
export const groupIdSchema = z.object({ id });

const privilegeSchema = z
  .string()
  .refine(isPrivilege, { error: (issue) => `Unknown privilege ${String(issue.input)}` });

export const roleSchema = z.object({
  name: groupNameSchema,
  privileges: z.array(privilegeSchema).max(100),
  description,
});
export const roleNameSchema = z.object({ name: groupNameSchema });

export const SUBJECT_TYPES = ["user", "group", "token"] as const;

/** A permission path as operators write it (checked against the tree in lib/access/paths.ts). */
export const aclPathSchema = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .startsWith("/", "Path: starts with /");

export const grantSchema = z.object({
  path: aclPathSchema,
  subjectType: z.enum(SUBJECT_TYPES, { error: "Who: a user, a group or a token" }),
  subjectId: id,
  role: z.string().trim().min(1, "Choose a role").max(64),
  propagate: z.boolean().default(true),
});
export const aclEntryIdSchema = z.object({ id });

/** A grant on one of your own privilege-separated tokens. */
export const tokenGrantSchema = grantSchema.omit({ subjectType: true });

export const explainSchema = z.object({
  subjectType: z.enum(["user", "token"]),
  subjectId: id,
  path: aclPathSchema,
});

export const createVmGroupSchema = z.object({ name: groupNameSchema, description });
export const vmGroupNameSchema = z.object({ name: groupNameSchema });
export const vmGroupMemberSchema = z.object({ name: groupNameSchema, vmId: id });

export const createApiTokenSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Name the token after what uses it")
    .max(64, "Keep the name to 64 characters"),
  /** Minting a token asks for the password again: a borrowed session cannot mint one. */
  password: z.string().min(1, "Enter your password to create a token").max(PASSWORD_MAX_LENGTH),
  /** Days until the token stops working; empty or 0: until revoked. */
  expiresInDays: z.coerce.number().int().min(0).max(3650, "Expiry: at most 3650 days").default(0),
  privsep: z.coerce.boolean().default(false),
});
export const apiTokenIdSchema = z.object({ id });
export const sessionIdSchema = z.object({ id });

/** A locked-out pair: the account (as typed at sign-in) and the client address. */
export const lockoutSchema = z.object({
  username: z.string().trim().min(1, "username: required").max(64),
  address: z.string().trim().min(1, "address: required").max(64),
});

export const AUDIT_OUTCOMES = ["ok", "refused", "error"] as const;

export const auditQuerySchema = z.object({
  user: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  /** Matches the target label or the object's path (prefix). */
  object: z.string().trim().max(500).optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  from: z.iso.datetime({ offset: true, error: "from: an ISO date and time" }).optional(),
  to: z.iso.datetime({ offset: true, error: "to: an ISO date and time" }).optional(),
  /** The id of the last row of the previous page. */
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/**
 * Who must sign in with a second factor: everyone, and/or whoever holds one of these roles. The
 * whole policy each time (no defaults): an empty body must not quietly reset it.
 */
export const signInPolicySchema = z.object({
  secondFactorForEveryone: z.boolean({ error: "secondFactorForEveryone: true or false" }),
  secondFactorRoles: z
    .array(groupNameSchema, { error: "secondFactorRoles: a list of role names" })
    .max(100, "secondFactorRoles: at most 100 roles"),
});
