// Passkeys and security keys (WebAuthn) as a second factor, through @simplewebauthn/server. The
// relying party is the host name users open (VIRTDECK_PUBLIC_URL's, else the request's); the
// browser only offers WebAuthn on HTTPS or on localhost.
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import {
  type PendingSignIn,
  saveEnrolmentChallenge,
  setPendingChallenge,
  takeEnrolmentChallenge,
} from "./pending-sign-in";
import { refuseLastRequiredFactor } from "./second-factor";

const RP_NAME = "Virtdeck";

function relyingParty(origin: string | null | undefined): { origin: string; rpID: string } {
  if (!origin) throw new AppError("invalid", "Passkeys need the page's address (origin)");
  const url = new URL(origin);
  return { origin: url.origin, rpID: url.hostname };
}

function transportsOf(json: string): string[] {
  return JSON.parse(json) as string[];
}

/** Why a WebAuthn library refusal happened, in words (never the whole error object). */
function refusal(error: unknown): AppError {
  const message = error instanceof Error ? error.message : "the response could not be checked";
  return new AppError("invalid", `Passkey not accepted: ${message}`);
}

export async function passkeyRegistrationOptions(
  user: { userId: string; username: string; sessionId: string },
  name: string,
  origin: string | null | undefined,
) {
  const { rpID } = relyingParty(origin);
  const existing = await db.passkey.findMany({ where: { userId: user.userId } });
  if (existing.some((p) => p.name === name))
    throw new AppError("conflict", `name: you already have a passkey named ${name}`, {
      name: [`You already have a passkey named ${name}`],
    });
  const options = await generateRegistrationOptions({
    rpName: RP_NAME,
    rpID,
    userName: user.username,
    userID: new TextEncoder().encode(user.userId),
    attestationType: "none",
    excludeCredentials: existing.map((p) => ({
      id: p.credentialId,
      transports: transportsOf(p.transports),
    })),
    authenticatorSelection: { residentKey: "discouraged", userVerification: "preferred" },
  });
  await saveEnrolmentChallenge(user.sessionId, user.userId, options.challenge, name);
  return options;
}

export async function registerPasskey(
  user: { userId: string; sessionId: string },
  response: RegistrationResponseJSON,
  origin: string | null | undefined,
): Promise<{ id: string; name: string }> {
  const rp = relyingParty(origin);
  const pending = await takeEnrolmentChallenge(user.sessionId);
  if (!pending)
    throw new AppError(
      "conflict",
      "The passkey registration expired or was not started: start again",
    );
  const verification = await verifyRegistrationResponse({
    response,
    expectedChallenge: pending.challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.rpID,
    requireUserVerification: false,
  }).catch((error: unknown) => {
    throw refusal(error);
  });
  if (!verification.verified) throw new AppError("invalid", "Passkey not accepted");
  const { credential } = verification.registrationInfo;
  const row = await db.passkey.create({
    data: {
      userId: user.userId,
      credentialId: credential.id,
      publicKey: Buffer.from(credential.publicKey),
      counter: credential.counter,
      transports: JSON.stringify(credential.transports ?? []),
      name: pending.name,
    },
  });
  return { id: row.id, name: row.name };
}

export async function removePasskey(userId: string, id: string): Promise<{ name: string }> {
  const passkey = await db.passkey.findFirst({ where: { id, userId } });
  if (!passkey) throw new AppError("not_found", "No such passkey");
  await refuseLastRequiredFactor(userId, "passkey");
  await db.passkey.delete({ where: { id } });
  return { name: passkey.name };
}

/** The challenge for a pending sign-in, limited to that user's passkeys. */
export async function passkeySignInOptions(
  pending: PendingSignIn,
  origin: string | null | undefined,
) {
  const { rpID } = relyingParty(origin);
  const passkeys = await db.passkey.findMany({ where: { userId: pending.userId } });
  if (passkeys.length === 0) throw new AppError("conflict", "You have no passkey");
  const options = await generateAuthenticationOptions({
    rpID,
    allowCredentials: passkeys.map((p) => ({
      id: p.credentialId,
      transports: transportsOf(p.transports),
    })),
    userVerification: "preferred",
  });
  await setPendingChallenge(pending.id, options.challenge);
  return options;
}

/** Checks a pending sign-in's passkey answer; the name of the passkey that answered. */
export async function verifyPasskeySignIn(
  pending: PendingSignIn,
  response: AuthenticationResponseJSON,
  origin: string | null | undefined,
): Promise<{ name: string }> {
  const rp = relyingParty(origin);
  if (!pending.challenge) throw new AppError("conflict", "Ask for a passkey challenge first");
  const passkey = await db.passkey.findFirst({
    where: { userId: pending.userId, credentialId: response.id },
  });
  if (!passkey) throw new AppError("invalid", "Passkey not accepted: it is not one of yours");
  const challenge = pending.challenge;
  // A challenge answers once.
  await db.pendingSignIn.update({ where: { id: pending.id }, data: { challenge: null } });
  const verification = await verifyAuthenticationResponse({
    response,
    expectedChallenge: challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.rpID,
    credential: {
      id: passkey.credentialId,
      publicKey: new Uint8Array(passkey.publicKey),
      counter: passkey.counter,
      transports: transportsOf(passkey.transports),
    },
    requireUserVerification: false,
  }).catch((error: unknown) => {
    throw refusal(error);
  });
  if (!verification.verified) throw new AppError("invalid", "Passkey not accepted");
  await db.passkey.update({
    where: { id: passkey.id },
    data: { counter: verification.authenticationInfo.newCounter, lastUsedAt: new Date() },
  });
  return { name: passkey.name };
}
