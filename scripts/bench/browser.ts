// Browser-side measurements in Debian's Chromium: the VM list's paint timings over fresh page
// loads, and how long a state change made with virsh takes to show in an open page.
import type { Browser, BrowserContext, Page } from "@playwright/test";

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

export interface LoadTiming {
  /** All in ms from navigation start (performance.timeOrigin). */
  ttfb: number;
  fcp: number;
  /** The frame that paints the VM count with the full total. */
  countVisible: number;
  load: number;
  htmlWireBytes: number;
  htmlBytes: number;
}

declare global {
  interface Window {
    __vdCountAt?: number;
    __vdSeen?: Promise<{ domAt: number; frameAt: number } | null>;
  }
}

/**
 * tsx (esbuild with keepNames) wraps named functions in the functions we hand to the page in
 * `__name(...)` calls, which the page does not have: give it a no-op one, first thing.
 */
export async function newBenchContext(
  browser: Browser,
  baseUrl: string,
  storageState: StorageState,
): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseUrl, storageState });
  await context.addInitScript({ content: "globalThis.__name = (fn) => fn;" });
  return context;
}

/** One cold load of `path` (fresh context: no HTTP cache, only the session cookie). */
export async function loadOnce(
  browser: Browser,
  baseUrl: string,
  storageState: StorageState,
  path: string,
  countText: string,
  timeoutMs = 20_000,
): Promise<LoadTiming> {
  const context = await newBenchContext(browser, baseUrl, storageState);
  try {
    const page = await context.newPage();
    // Installed before any HTML is parsed: notes the frame in which the count first shows.
    await page.addInitScript((text: string) => {
      const seen = () => {
        const el = document.querySelector('[data-testid="vm-count"]');
        if (!el?.textContent?.startsWith(text)) return;
        obs.disconnect();
        requestAnimationFrame(() => {
          window.__vdCountAt = performance.now();
        });
      };
      const obs = new MutationObserver(seen);
      obs.observe(document, { childList: true, subtree: true, characterData: true });
    }, countText);
    await page.goto(path, { waitUntil: "load", timeout: timeoutMs });
    if (!page.url().endsWith(path)) throw new Error(`${path} redirected to ${page.url()}`);
    await page.waitForFunction(() => window.__vdCountAt !== undefined, null, {
      timeout: timeoutMs,
    });
    return await page.evaluate(async () => {
      const fcp = await new Promise<number>((resolve) => {
        const found = () => performance.getEntriesByName("first-contentful-paint")[0];
        const now = found();
        if (now) return resolve(now.startTime);
        new PerformanceObserver(() => {
          const e = found();
          if (e) resolve(e.startTime);
        }).observe({ type: "paint", buffered: true });
        setTimeout(() => resolve(Number.NaN), 5_000);
      });
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      return {
        ttfb: nav.responseStart,
        fcp,
        countVisible: window.__vdCountAt!,
        load: nav.loadEventEnd,
        htmlWireBytes: nav.encodedBodySize,
        htmlBytes: nav.decodedBodySize,
      };
    });
  } finally {
    await context.close();
  }
}

export interface ChangeTiming {
  expected: string;
  /** How long the virsh command itself took (spawn to exit). */
  virshMs: number;
  /** ms from just before virsh was spawned to the frame that draws the new state. */
  fromIssue: number;
  /** ms from virsh's exit (libvirt has made the change) to that frame; < 0 when it came first. */
  fromExit: number;
  /** As fromExit, but to the moment the DOM held the new text (before that frame). */
  domFromExit: number;
}

/**
 * Arms a page-side watcher for the row's state text, runs `change`, and reads the timestamps.
 * Node's Date.now() and the page's share one clock: the browser runs on this machine.
 */
export async function timeChange(
  page: Page,
  vmName: string,
  expected: string,
  change: () => Promise<void>,
  timeoutMs = 15_000,
): Promise<ChangeTiming> {
  await page.evaluate(
    ({ name, text, ms }) => {
      const sel = `[data-testid="vm-row"][data-vm-name="${name}"] [data-testid="vm-state"]`;
      window.__vdSeen = new Promise((resolve) => {
        let done = false;
        const finish = (v: { domAt: number; frameAt: number } | null) => {
          done = true;
          obs.disconnect();
          clearTimeout(timer);
          resolve(v);
        };
        const check = () => {
          if (done || document.querySelector(sel)?.textContent !== text) return;
          const domAt = Date.now();
          done = true;
          requestAnimationFrame(() => finish({ domAt, frameAt: Date.now() }));
        };
        const obs = new MutationObserver(check);
        obs.observe(document.body, { childList: true, subtree: true, characterData: true });
        const timer = setTimeout(() => done || finish(null), ms);
        check();
      });
    },
    { name: vmName, text: expected, ms: timeoutMs },
  );
  const t0 = Date.now();
  await change();
  const tExit = Date.now();
  const seen = await page.evaluate(() => window.__vdSeen!);
  if (!seen) throw new Error(`${vmName} did not show "${expected}" within ${timeoutMs} ms`);
  return {
    expected,
    virshMs: tExit - t0,
    fromIssue: seen.frameAt - t0,
    fromExit: seen.frameAt - tExit,
    domFromExit: seen.domAt - tExit,
  };
}
