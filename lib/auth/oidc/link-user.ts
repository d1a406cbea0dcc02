// The Virtdeck user of an identity: found by issuer and subject; at the first sign-in made, with
// the provider's username, unless a user of that name already exists (a local account is never
// taken over by an identity that merely has the same name).
import "server-only";
import { randomBytes } from "node:crypto";
import { changeAccess } from "@/lib/access/acl-snapshot";
import { db } from "@/lib/db/client";
import { hashPassword } from "../password";
import type { ProviderIdentity } from "./claims";
import { oidcRefusal } from "./refusals";

export interface LinkedUser {
  id: string;
  username: string;
  disabled: boolean;
  /** Made by this sign-in. */
  created: boolean;
}

export async function userForIdentity(
  issuer: string,
  identity: ProviderIdentity,
): Promise<LinkedUser> {
  const linked = await db.externalIdentity.findUnique({
    where: { issuer_subject: { issuer, subject: identity.subject } },
    include: { user: { select: { id: true, username: true, disabled: true } } },
  });
  if (linked) return { ...linked.user, created: false };
  if (await db.user.findUnique({ where: { username: identity.username } }))
    throw oidcRefusal("taken");
  // A random password nobody knows: the column needs a hash, and local sign-in refuses linked
  // users in any case (sign-in.ts).
  const passwordHash = await hashPassword(randomBytes(32).toString("base64url"));
  const user = await changeAccess((tx) =>
    tx.user.create({
      data: {
        username: identity.username,
        passwordHash,
        externalIdentities: { create: { issuer, subject: identity.subject } },
      },
      select: { id: true, username: true, disabled: true },
    }),
  );
  return { ...user, created: true };
}
