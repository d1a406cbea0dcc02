// The one password policy: the UI, the API and VIRTDECK_ADMIN_PASSWORD all check these.
import { z } from "zod";

export const PASSWORD_MIN_LENGTH = 12;
/** Long enough for any passphrase; short enough that hashing it stays cheap. */
export const PASSWORD_MAX_LENGTH = 1024;

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Password: at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `Password: at most ${PASSWORD_MAX_LENGTH} characters`);
