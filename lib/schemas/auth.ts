import { z } from "zod";
import { PASSWORD_MAX_LENGTH, passwordSchema } from "./password-policy";

export const signInSchema = z.object({
  username: z.string().trim().min(1, "Enter your username").max(64),
  password: z.string().min(1, "Enter your password").max(PASSWORD_MAX_LENGTH),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const newPasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password").max(PASSWORD_MAX_LENGTH),
    newPassword: passwordSchema,
    confirmPassword: z.string(),
    /** Also revoke every API token of the account (a leaked password may have minted some). */
    revokeTokens: z.coerce.boolean().default(false),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    message: "The two new passwords differ",
    path: ["confirmPassword"],
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    message: "Choose a password different from the current one",
    path: ["newPassword"],
  });
export type NewPasswordInput = z.infer<typeof newPasswordSchema>;

/** The current password again, for changes to one's own sign-in (factors, tokens). */
export const currentPasswordField = z
  .string()
  .min(1, "Enter your password")
  .max(PASSWORD_MAX_LENGTH);

/** A TOTP code (six digits, spaces allowed) or a recovery code ("k7qm2-x9hrt"). */
export const secondFactorCodeSchema = z.object({
  code: z
    .string()
    .trim()
    .min(1, "Enter the code from your app, or a recovery code")
    .max(20, "code: at most 20 characters")
    .regex(/^[A-Za-z0-9 -]+$/, "code: digits, letters and dashes only"),
});

export const totpConfirmSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{3} ?\d{3}$/, "code: the six digits your app shows"),
});

export const passwordConfirmSchema = z.object({ password: currentPasswordField });

/** A WebAuthn response as @simplewebauthn/browser returns it; the library checks the rest. */
const webAuthnResponse = z
  .object({
    id: z.string().min(1).max(1024),
    rawId: z.string().min(1).max(1024),
    type: z.literal("public-key"),
    response: z.record(z.string(), z.unknown()),
    clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
    authenticatorAttachment: z.string().max(32).optional(),
  })
  .loose();

export const passkeySignInSchema = z.object({ response: webAuthnResponse });

export const passkeyRegisterOptionsSchema = z.object({
  password: currentPasswordField,
  name: z
    .string()
    .trim()
    .min(1, 'name: give the passkey a name ("laptop", "YubiKey")')
    .max(64, "name: at most 64 characters"),
});

export const passkeyRegisterSchema = z.object({ response: webAuthnResponse });

export const passkeyIdSchema = z.object({
  id: z.string().min(1).max(64),
  password: currentPasswordField,
});
