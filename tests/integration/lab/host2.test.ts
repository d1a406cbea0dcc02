// The lab's second host: a separate libvirtd reached over SSH from inside the lab namespace,
// with its own host UUID and hostname, and the same network name as host 1.
import { describe, expect, it } from "vitest";
import { labEnv } from "../support/lab-env";
import { virsh } from "../support/virsh";

const lab = labEnv();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The <host><uuid> from `virsh capabilities`. */
async function hostUuid(uri: string): Promise<string> {
  const caps = await virsh(uri, "capabilities");
  const uuid = caps.match(/<host>\s*<uuid>([^<]+)<\/uuid>/)?.[1] ?? "";
  expect(uuid).toMatch(UUID);
  return uuid;
}

describe("host 2 over SSH", () => {
  it("answers qemu+ssh with its own hostname", async () => {
    expect(await virsh(lab.LAB_HOST2_SSH_URI, "hostname")).toBe(lab.LAB_HOST2_NAME);
    expect(await virsh(lab.LAB_HOST2_SSH_URI, "version", "--daemon")).toMatch(
      /Running against daemon: \d+\.\d+\.\d+/,
    );
    expect(await virsh(lab.LAB_URI, "hostname")).toBe(lab.LAB_HOST1_NAME);
  });

  it("has a host UUID different from host 1's", async () => {
    const one = await hostUuid(lab.LAB_URI);
    const two = await hostUuid(lab.LAB_HOST2_SSH_URI);
    expect(two).not.toBe(one);
    expect(one).toBe(lab.LAB_HOST1_UUID);
    expect(two).toBe(lab.LAB_HOST2_UUID);
    // Its private socket reaches the same daemon.
    expect(await hostUuid(lab.LAB_HOST2_URI)).toBe(two);
  });

  it("has the lab network active under the same name as host 1", async () => {
    for (const uri of [lab.LAB_URI, lab.LAB_HOST2_SSH_URI]) {
      expect(await virsh(uri, "net-info", lab.LAB_NETWORK)).toMatch(/^Active:\s+yes$/m);
    }
  });
});
