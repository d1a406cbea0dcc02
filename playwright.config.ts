import { defineConfig } from "@playwright/test";
import { chromiumLaunchOptions } from "./e2e/support/chromium";
import { E2E_ADMIN_PASSWORD, E2E_BASE_URL, E2E_DATA_DIR, E2E_PORT } from "./e2e/support/constants";

// Debian's Chromium (browsers cannot be downloaded here) against the production build.
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
  webServer: {
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
    },
  },
});
