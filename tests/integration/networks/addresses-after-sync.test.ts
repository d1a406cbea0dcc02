// A guest started before Virtdeck first connects to its host (before the server started, or
// before the host was added) is still taking its DHCP lease when the full sync reads it, and
// libvirt sends no event when the lease comes. The inventory must learn the address by itself,
// without a VM page open to ask: virsh domifaddr is the oracle.
import { afterAll, describe, expect, it } from "vitest";
import { removeTinyGuest } from "../lab/tiny-guest";
import { defineXml, guestXml, virsh, waitFor } from "../support/virsh";
import { closeDb, db, lab, manager, startLabHost, suffix, uri } from "./support";

const guest = `vd-it-early-${suffix()}`;

afterAll(async () => {
  await removeTinyGuest(lab, guest);
  await manager.stopAll();
  await closeDb();
});

async function inventoryIps(): Promise<string[]> {
  const row = await db.vm.findFirst({ where: { name: guest } });
  return row ? (JSON.parse(row.nics) as { ips: string[] }[]).flatMap((n) => n.ips) : [];
}

describe("addresses after a full sync", () => {
  it("a guest that takes its lease after the first sync gets its address in the inventory", async () => {
    await defineXml(uri, await guestXml(lab, guest));
    await virsh(uri, "start", guest);
    await startLabHost(); // the full sync runs while the guest still boots
    const row = await db.vm.findFirst({ where: { name: guest } });
    expect(row?.state, "the sync saw the guest running").toBe("running");
    // The point of the test: at the sync the lease was not there yet.
    expect(await inventoryIps(), "no address yet at the sync").toEqual([]);

    const leased = await waitFor(
      `${guest}'s lease in virsh domifaddr`,
      async () => /(\d+\.\d+\.\d+\.\d+)\/\d+/.exec(await virsh(uri, "domifaddr", guest))?.[1],
      60_000,
      500,
    );
    const seen = await waitFor(
      `${guest}'s address in the inventory`,
      async () => {
        const ips = await inventoryIps();
        return ips.length > 0 ? ips : undefined;
      },
      70_000,
      500,
    );
    expect(seen).toEqual([leased]);
  }, 150_000);
});
