// Takes the README's screenshots from a running Virtdeck with at least one host and a running VM
// that has a screen: `npx tsx scripts/screenshot.ts URL PASSWORD [--vm NAME] [--all DIR]` (inside
// the lab namespace for the lab's host; --vm picks the VM pages' VM, by default vd-tiny). By default it writes the README's set into docs/; with --all it
// writes every page at 1366×768 and 1920×1080, light and dark, into DIR, for looking through
// (not for committing).
import { chromium, type Page } from "@playwright/test";
import { chromiumLaunchOptions } from "../e2e/support/chromium";

const args = process.argv.slice(2);
const allAt = args.indexOf("--all");
const allDir = allAt >= 0 ? args.splice(allAt, 2)[1] : undefined;
const vmAt = args.indexOf("--vm");
const vmName = vmAt >= 0 ? args.splice(vmAt, 2)[1] : "vd-tiny";
const [baseUrl = "http://127.0.0.1:3000", password = ""] = args;

type Theme = "light" | "dark";
type Size = "1366x768" | "1920x1080";
interface Shot {
  name: string;
  /** The page's path; VM pages get the chosen VM's id. */
  path: (vmId: string) => string;
  /** What shows that the page is ready. */
  ready: (page: Page) => Promise<unknown>;
}

const SHOTS: Shot[] = [
  {
    name: "vms",
    path: () => "/vms",
    ready: (p) => p.getByRole("heading", { name: "Virtual machines", exact: true }).waitFor(),
  },
  {
    name: "vm-summary",
    path: (id) => `/vms/${id}`,
    ready: (p) => p.getByRole("navigation", { name: "VM sections" }).waitFor(),
  },
  {
    name: "vm-console",
    path: (id) => `/vms/${id}/console/vnc`,
    ready: (p) => p.getByTestId("vnc-screen").locator("canvas").first().waitFor(),
  },
  {
    name: "vm-hardware",
    path: (id) => `/vms/${id}/hardware`,
    ready: (p) => p.getByTestId("hw-vcpus").waitFor(),
  },
  {
    name: "vm-metrics",
    path: (id) => `/vms/${id}/metrics`,
    ready: (p) => p.getByTestId("metrics-graph").first().locator("canvas").waitFor(),
  },
  {
    name: "create",
    path: () => "/vms/new",
    ready: (p) => p.getByRole("heading", { name: "Create VM", exact: true }).waitFor(),
  },
  {
    name: "hosts",
    path: () => "/hosts",
    ready: (p) => p.getByRole("heading", { name: "Hosts", exact: true }).waitFor(),
  },
];

/** The README's pictures: each at the size and theme it is shown in. */
const README_SET: [name: string, size: Size, theme: Theme][] = [
  ["vms", "1366x768", "light"],
  ["vm-summary", "1366x768", "light"],
  ["vm-console", "1366x768", "dark"],
  ["vm-hardware", "1920x1080", "light"],
  ["create", "1366x768", "dark"],
  ["hosts", "1920x1080", "dark"],
];

const wanted: [Shot, Size, Theme, string][] = allDir
  ? SHOTS.flatMap((s) =>
      (["1366x768", "1920x1080"] as const).flatMap((size) =>
        (["light", "dark"] as const).map(
          (theme) =>
            [s, size, theme, `${allDir}/${s.name}-${size}-${theme}.png`] as [
              Shot,
              Size,
              Theme,
              string,
            ],
        ),
      ),
    )
  : README_SET.map(([name, size, theme]) => [
      SHOTS.find((s) => s.name === name)!,
      size,
      theme,
      `docs/screenshot-${name}-${theme}.png`,
    ]);

const browser = await chromium.launch(chromiumLaunchOptions);
try {
  for (const size of ["1366x768", "1920x1080"] as const) {
    for (const theme of ["light", "dark"] as const) {
      const mine = wanted.filter(([, s, t]) => s === size && t === theme);
      if (mine.length === 0) continue;
      const [width, height] = size.split("x").map(Number) as [number, number];
      const page = await browser.newPage({ viewport: { width, height }, colorScheme: theme });
      await page.goto(`${baseUrl}/login`);
      await page.getByLabel("Username").fill("admin");
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByTestId("signed-in-user").waitFor();
      const vmId = await runningVm(page);
      for (const [shot, , , file] of mine) {
        await page.goto(`${baseUrl}${shot.path(vmId)}`);
        await shot.ready(page);
        await page.waitForTimeout(1500); // live data and the console's first frames
        await page.screenshot({ path: file });
        console.log(`wrote ${file}`);
      }
      await page.close();
    }
  }
} finally {
  await browser.close();
}

/** A running VM with a screen, preferring the one named (the lab's tiny guest by default). */
async function runningVm(page: Page): Promise<string> {
  const r = await page.request.get(`${baseUrl}/api/v1/vms?state=running`);
  const { vms } = (await r.json()) as { vms: { id: string; name: string; state: string }[] };
  const running = vms.filter((v) => v.state === "running");
  const vm = running.find((v) => v.name === vmName) ?? running[0];
  if (!vm) throw new Error("No running VM to show: start one first");
  return vm.id;
}
