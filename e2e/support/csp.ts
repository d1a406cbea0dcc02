import type { Page } from "@playwright/test";

/**
 * Collects what Chromium reports when the page's Content-Security-Policy blocks something
 * (a script, a style, a socket): the consoles, noVNC and xterm.js must run without one.
 */
export function watchCspViolations(page: Page): () => string[] {
  const seen: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.push(message.text());
  });
  return () => seen;
}
