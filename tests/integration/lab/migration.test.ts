// Live migration between the lab's two hosts (host 1 -> host 2 over SSH, and back), which
// needs the same network name and the same guest kernel path on both. The guest proves it is
// alive on each side by echoing a token typed on its keyboard to its serial console.
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { labEnv } from "../support/lab-env";
import { virsh, waitFor } from "../support/virsh";
import {
  freshGuestName,
  readSerial,
  removeTinyGuest,
  serialLogOf,
  startTinyGuest,
  typeOnConsole,
} from "./tiny-guest";

const lab = labEnv();
const name = freshGuestName("vd-mig");

afterAll(async () => {
  await removeTinyGuest(lab, name);
});

async function listed(uri: string): Promise<string[]> {
  return (await virsh(uri, "list", "--all", "--name")).split("\n").filter(Boolean);
}

/** Types `echo TOKEN >/dev/ttyS0` on the console and waits for TOKEN in the serial log. */
async function provesAlive(uri: string, logFile: string): Promise<void> {
  const token = `alive-${randomBytes(3).toString("hex")}`;
  await typeOnConsole(uri, name, `echo ${token} >/dev/ttyS0\n`);
  await waitFor(
    `${token} on ${logFile}`,
    async () => ((await readSerial(logFile)).includes(token) ? true : undefined),
    30_000,
  );
}

describe("live migration between host 1 and host 2", () => {
  it("moves a running guest to host 2 over SSH and back", async () => {
    await startTinyGuest(lab, name);
    await provesAlive(lab.LAB_URI, serialLogOf(lab, name));

    const flags = ["--live", "--persistent", "--undefinesource"];
    const to2 = Date.now();
    await virsh(
      lab.LAB_URI,
      "migrate",
      ...flags,
      name,
      lab.LAB_HOST2_SSH_URI,
      "--migrateuri",
      lab.LAB_HOST2_MIGRATE_URI,
    );
    const to2Ms = Date.now() - to2;
    expect(await virsh(lab.LAB_HOST2_SSH_URI, "domstate", name)).toBe("running");
    expect(await listed(lab.LAB_URI)).not.toContain(name);
    await provesAlive(lab.LAB_HOST2_URI, serialLogOf(lab, name, lab.LAB_HOST2_GUEST_LOG_DIR));

    const back = Date.now();
    await virsh(
      lab.LAB_HOST2_SSH_URI,
      "migrate",
      ...flags,
      name,
      lab.LAB_URI,
      "--migrateuri",
      `tcp://${lab.LAB_HOST1_ADDR}`,
    );
    const backMs = Date.now() - back;
    expect(await virsh(lab.LAB_URI, "domstate", name)).toBe("running");
    expect(await listed(lab.LAB_HOST2_URI)).not.toContain(name);
    await provesAlive(lab.LAB_URI, serialLogOf(lab, name));
    console.info(`${name}: to host 2 in ${to2Ms} ms, back in ${backMs} ms`);
  }, 240_000);
});
