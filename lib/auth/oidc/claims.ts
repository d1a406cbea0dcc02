// Who the identity provider says the user is: the subject, the username claim (checked as local
// usernames are, after lower-casing: "Alice@Example.com" signs in as alice@example.com) and the
// groups claim (absent means none; anything but a name or a list of names is refused, so a
// malformed answer never empties the user's groups).
import { z } from "zod";
import { usernameSchema } from "@/lib/schemas/access";
import { oidcRefusal } from "./refusals";

export interface ProviderIdentity {
  subject: string;
  username: string;
  groups: string[];
}

export interface ClaimNames {
  usernameClaim: string;
  groupsClaim: string;
}

const subjectSchema = z.string().min(1).max(255);
const groupsSchema = z
  .union([z.string().transform((g) => [g]), z.array(z.string())])
  .optional()
  .transform((groups) => groups ?? [])
  .pipe(z.array(z.string().min(1).max(200)).max(1000));

/** Reads the identity from the ID token's and userinfo's claims; throws the refusal. */
export function readIdentity(claims: Record<string, unknown>, names: ClaimNames): ProviderIdentity {
  const subject = subjectSchema.safeParse(claims.sub);
  if (!subject.success) throw oidcRefusal("denied");
  const raw = claims[names.usernameClaim];
  const username = usernameSchema.safeParse(typeof raw === "string" ? raw.toLowerCase() : raw);
  if (!username.success) throw oidcRefusal("username");
  const groups = groupsSchema.safeParse(claims[names.groupsClaim]);
  if (!groups.success) throw oidcRefusal("groups");
  return { subject: subject.data, username: username.data, groups: [...new Set(groups.data)] };
}
