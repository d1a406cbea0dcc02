import { z } from "zod";

const param = (max: number) => z.string().max(max).optional();

/** What the identity provider sends the browser back with (RFC 6749 §4.1.2, RFC 9207's iss). */
export const callbackSchema = z.object({
  redirectUri: z.url({ protocol: /^https?$/ }),
  params: z.object({
    code: param(2000),
    state: param(500),
    iss: param(500),
    error: param(200),
    error_description: param(1000),
  }),
});
export type CallbackInput = z.infer<typeof callbackSchema>;

export const startSchema = z.object({ redirectUri: z.url({ protocol: /^https?$/ }) });
