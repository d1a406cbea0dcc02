// Start-up messages of the server process. Secrets are never logged, with one deliberate
// exception: the generated first-start admin password, printed exactly once so an operator can sign in.
import type { BootstrapResult } from "@/lib/auth/bootstrap-admin";

export function log(message: string): void {
  console.log(`[virtdeck] ${message}`);
}

export function announceAdmin(result: BootstrapResult): void {
  if (!result.created) return;
  if (result.oneTimePassword === null) {
    log(`created user '${result.username}' with the password from VIRTDECK_ADMIN_PASSWORD`);
    return;
  }
  const lines = [
    result.renewed
      ? `The one-time password of '${result.username}' had expired; here is a new one.`
      : `First start: created user '${result.username}'.`,
    `One-time password: ${result.oneTimePassword}`,
    "It is shown only now and works for 24 hours; you choose your own at first sign-in.",
  ];
  const width = Math.max(...lines.map((l) => l.length));
  const bar = "=".repeat(width + 4);
  console.log([bar, ...lines.map((l) => `| ${l.padEnd(width)} |`), bar].join("\n"));
}
