// The one place that reads process.env: every setting Virtdeck understands, validated with zod.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./schemas/password-policy";
// Relative: prisma.config.ts loads this file without the @/ alias.
import { normalizeHostPath } from "./storage/host-paths";

const defaultDataDir = path.join(process.cwd(), "data");

/** Plain-http issuers are accepted only on this machine (a test identity provider). */
const LOOPBACK_HTTP = /^http:\/\/(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\]|localhost)(:\d+)?(\/|$)/;

const OIDC_REQUIRED = [
  "VIRTDECK_OIDC_ISSUER",
  "VIRTDECK_OIDC_CLIENT_ID",
  "VIRTDECK_OIDC_CLIENT_SECRET",
] as const;

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Where the server listens. Binding anything but loopback is the operator's explicit choice. */
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Directory for the SQLite file and other local state. */
  VIRTDECK_DATA_DIR: z.string().min(1).default(defaultDataDir),
  /** SQLite file URL; defaults to data/virtdeck.db under VIRTDECK_DATA_DIR. */
  DATABASE_URL: z.string().startsWith("file:", "DATABASE_URL must be a file: URL").optional(),
  /** Unattended installs: the admin password to set at first start (no forced change). */
  VIRTDECK_ADMIN_PASSWORD: z
    .string()
    .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
    .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`)
    .optional(),
  /** Session lifetime in hours (sliding: each use extends it). */
  VIRTDECK_SESSION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 90)
    .default(12),
  /** The absolute session lifetime in days: however active, a session ends this long after sign-in. */
  VIRTDECK_SESSION_MAX_DAYS: z.coerce.number().positive().max(365).default(7),
  /** Failed sign-ins of one account from one address within the window that lock that pair out. */
  VIRTDECK_LOCKOUT_FAILURES: z.coerce.number().int().min(3).max(1000).default(10),
  VIRTDECK_LOCKOUT_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** The address users open (https://virtdeck.example.com): Host allow-list and Origin checks. */
  VIRTDECK_PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" })
    .optional(),
  /** More host names the server answers to, comma-separated (IP literals and localhost always). */
  VIRTDECK_ALLOWED_HOSTS: z.string().optional(),
  /** Reverse proxies (IP addresses, comma-separated) whose X-Forwarded-For/-Proto are believed. */
  VIRTDECK_TRUSTED_PROXIES: z.string().optional(),
  /** Key material for secrets at rest (SSH keys); without it a key file is generated in the data dir. */
  VIRTDECK_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  /**
   * Colon-separated absolute directories of the hosts where pools may be made, besides
   * /var/lib/libvirt/images, by callers without Sys.Modify on /.
   */
  VIRTDECK_POOL_ROOTS: z
    .string()
    .default("")
    .transform((value, ctx) => {
      const roots = value.split(":").filter(Boolean);
      for (const root of roots)
        if (!root.startsWith("/") || root.split("/").includes(".."))
          ctx.addIssue({ code: "custom", message: `${root} is not an absolute path without '..'` });
      return roots.map(normalizeHostPath);
    }),
  /** Serve HTTPS directly (installs without a proxy): PEM certificate chain and private key files. */
  /** Seconds between metric samples of every host (the finest history tier's step). */
  VIRTDECK_METRICS_INTERVAL: z.coerce.number().int().min(1).max(60).default(5),
  VIRTDECK_TLS_CERT: z.string().optional(),
  VIRTDECK_TLS_KEY: z.string().optional(),
  /** Set to "true" when a TLS-terminating proxy serves Virtdeck over HTTPS. */
  VIRTDECK_SECURE_COOKIES: z.enum(["true", "false", "auto"]).default("auto"),
  /**
   * Single sign-on (OpenID Connect): the issuer, and Virtdeck's client id and secret there. All
   * three or none; plain http only on loopback (a test provider on the same machine).
   */
  VIRTDECK_OIDC_ISSUER: z
    .url({ protocol: /^https?$/, error: "must be an https:// URL" })
    .refine((url) => url.startsWith("https://") || LOOPBACK_HTTP.test(url), {
      error: "must be an https:// URL (http:// only on 127.0.0.1, [::1] or localhost)",
    })
    .optional(),
  VIRTDECK_OIDC_CLIENT_ID: z.string().max(200).optional(),
  VIRTDECK_OIDC_CLIENT_SECRET: z.string().max(500).optional(),
  /** The claim (ID token or userinfo) that is the Virtdeck username. */
  VIRTDECK_OIDC_USERNAME_CLAIM: z.string().min(1).max(100).default("preferred_username"),
  /** The claim listing the user's groups at the identity provider. */
  VIRTDECK_OIDC_GROUPS_CLAIM: z.string().min(1).max(100).default("groups"),
  /** The scopes asked for, space-separated ("openid" always among them). */
  VIRTDECK_OIDC_SCOPES: z
    .string()
    .max(500)
    .default("openid profile groups")
    .refine((s) => s.split(/\s+/).includes("openid"), { error: "must include openid" }),
  /** The sign-in button reads "Sign in with {name}". */
  VIRTDECK_OIDC_NAME: z.string().trim().min(1).max(60).default("single sign-on"),
});

export type Env = z.infer<typeof envSchema> & { DATABASE_URL: string };

function loadEnv(): Env {
  // An empty variable means "not set", as in most shells' `VAR= command` usage.
  const raw = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== ""));
  const parsed = envSchema
    .refine((e) => (e.VIRTDECK_TLS_CERT === undefined) === (e.VIRTDECK_TLS_KEY === undefined), {
      message: "set both VIRTDECK_TLS_CERT and VIRTDECK_TLS_KEY, or neither",
      path: ["VIRTDECK_TLS_KEY"],
    })
    .superRefine((e, ctx) => {
      // Half a single sign-on configuration is a mistake, not "off": say which part is missing.
      if (!OIDC_REQUIRED.some((name) => e[name] !== undefined)) return;
      for (const name of OIDC_REQUIRED)
        if (e[name] === undefined)
          ctx.addIssue({
            code: "custom",
            message: `required with ${OIDC_REQUIRED.filter((n) => e[n] !== undefined).join(" and ")} (single sign-on needs all three)`,
            path: [name],
          });
    })
    .safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${problems.join("\n")}`);
  }
  const dataDir = path.resolve(parsed.data.VIRTDECK_DATA_DIR);
  const databaseUrl = parsed.data.DATABASE_URL ?? `file:${path.join(dataDir, "virtdeck.db")}`;
  // A new data directory is the service account's alone (existing ones are left as they are).
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  mkdirSync(path.dirname(sqlitePath(databaseUrl)), { recursive: true, mode: 0o700 });
  // Prisma's CLI reads the datasource URL from the environment; keep it in step with ours.
  process.env.DATABASE_URL = databaseUrl;
  return { ...parsed.data, VIRTDECK_DATA_DIR: dataDir, DATABASE_URL: databaseUrl };
}

/** The file system path of a `file:` SQLite URL (relative paths resolve from the cwd). */
export function sqlitePath(url: string): string {
  return path.resolve(url.replace(/^file:/, "").replace(/\?.*$/, ""));
}

export const env: Env = loadEnv();
