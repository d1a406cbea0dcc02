import type { LaunchOptions } from "@playwright/test";

/** Debian's Chromium, with the flags this closed network needs (no background phoning home). */
export const chromiumLaunchOptions: LaunchOptions = {
  executablePath: "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};
