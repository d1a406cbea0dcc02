// Event to screen: a dedicated tiny guest on the lab's real libvirtd is started and destroyed
// with virsh (outside Virtdeck) while /vms is open, filtered to that guest.
import type { Browser, BrowserContext } from "@playwright/test";
import type { LabEnv } from "../../tests/integration/support/lab-env";
import { defineXml, guestXml, removeDomain, virsh } from "../../tests/integration/support/virsh";
import type { ApiClient } from "./api";
import { type ChangeTiming, newBenchContext, timeChange } from "./browser";
import { sleep, waitFor } from "./stats";

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

export interface EventRun {
  guest: string;
  timings: ChangeTiming[];
  /** Changes not made because the stage's time budget ran out. */
  skipped: number;
}

/** Defines the guest and returns the clean-up that removes it (never throws). */
export async function defineBenchGuest(lab: LabEnv, name: string): Promise<() => Promise<void>> {
  await defineXml(lab.LAB_URI, await guestXml(lab, name));
  return () => removeDomain(lab.LAB_URI, name);
}

export async function eventToScreen(opts: {
  browser: Browser;
  baseUrl: string;
  storageState: StorageState;
  api: ApiClient;
  lab: LabEnv;
  guest: string;
  changes: number;
  budgetMs: number;
}): Promise<EventRun> {
  const { api, lab, guest } = opts;
  await api.addHost("bench-lab", lab.LAB_URI);
  await waitFor(
    `${guest} in GET /api/v1/vms`,
    async () => {
      const { vms } = await api.json<{ vms: { name: string }[] }>(
        "GET",
        `/api/v1/vms?q=${encodeURIComponent(guest)}`,
      );
      return vms.some((v) => v.name === guest) ? true : undefined;
    },
    30_000,
  );

  const context = await newBenchContext(opts.browser, opts.baseUrl, opts.storageState);
  try {
    const page = await context.newPage();
    await page.goto("/vms");
    await page.getByLabel("Search VMs").fill(guest);
    const state = page.locator(
      `[data-testid="vm-row"][data-vm-name="${guest}"] [data-testid="vm-state"]`,
    );
    await state.waitFor({ timeout: 15_000 });
    await page.getByTestId("vm-row").nth(1).waitFor({ state: "detached", timeout: 15_000 });
    if ((await state.textContent()) !== "shut off")
      throw new Error(
        `${guest} should start shut off, the page shows ${await state.textContent()}`,
      );

    const timings: ChangeTiming[] = [];
    const deadline = Date.now() + opts.budgetMs;
    for (let i = 0; i < opts.changes && Date.now() < deadline; i++) {
      const start = i % 2 === 0;
      timings.push(
        await timeChange(page, guest, start ? "running" : "shut off", async () => {
          await virsh(lab.LAB_URI, start ? "start" : "destroy", guest);
        }),
      );
      await sleep(250); // let the follow-up events (e.g. resumed, then started) settle
    }
    return { guest, timings, skipped: opts.changes - timings.length };
  } finally {
    await context.close();
  }
}
