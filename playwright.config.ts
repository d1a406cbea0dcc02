import { defineConfig } from "@playwright/test";
import { chromiumLaunchOptions } from "./e2e/support/chromium";
import {
  E2E_ADMIN_PASSWORD,
  E2E_BASE_URL,
  E2E_DATA_DIR,
  E2E_OIDC_ACCOUNTS,
  E2E_OIDC_CLIENT_ID,
  E2E_OIDC_CLIENT_SECRET,
  E2E_OIDC_ISSUER,
  E2E_OIDC_PORT,
  E2E_PORT,
} from "./e2e/support/constants";

// Debian's Chromium (browsers cannot be downloaded here) against the production build, with a
// real OpenID provider (scripts/oidc-provider.ts) for single sign-on.
export default defineConfig({
  testDir: "e2e",
  outputDir: `test-results/e2e-${E2E_PORT}`,
  forbidOnly: true,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [["list"]],
  use: {
    baseURL: E2E_BASE_URL,
    launchOptions: chromiumLaunchOptions,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  webServer: [
    {
      command: [
        `mkdir -p data && echo '{}' > ${E2E_OIDC_ACCOUNTS} && exec node --import tsx scripts/oidc-provider.ts`,
        `--port ${E2E_OIDC_PORT} --accounts ${E2E_OIDC_ACCOUNTS}`,
        `--client-id ${E2E_OIDC_CLIENT_ID} --client-secret ${E2E_OIDC_CLIENT_SECRET}`,
        `--redirect-uri ${E2E_BASE_URL}/auth/oidc/callback`,
      ].join(" "),
      url: `${E2E_OIDC_ISSUER}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "pipe",
    },
    {
      command: `rm -rf ${E2E_DATA_DIR} && exec node --import tsx server.ts`,
      url: `${E2E_BASE_URL}/login`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
      env: {
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        PORT: String(E2E_PORT),
        HOST: "127.0.0.1",
        VIRTDECK_DATA_DIR: E2E_DATA_DIR,
        VIRTDECK_ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
        VIRTDECK_OIDC_ISSUER: E2E_OIDC_ISSUER,
        VIRTDECK_OIDC_CLIENT_ID: E2E_OIDC_CLIENT_ID,
        VIRTDECK_OIDC_CLIENT_SECRET: E2E_OIDC_CLIENT_SECRET,
        VIRTDECK_OIDC_NAME: "Test IdP",
      },
    },
  ],
});
