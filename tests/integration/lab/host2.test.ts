// The lab's second host: a separate libvirtd reached over SSH from inside the lab namespace,
// with its own host UUID and hostname, and the same network name as host 1.
import { describe, expect, it } from "vitest";
import { labEnv } from "../support/lab-env";
import { run, virsh } from "../support/virsh";

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

describe("host 2 over TCP and TLS", () => {
  it("answers qemu+tcp and qemu+tls (the lab's CA, as ?pkipath=) with its hostname", async () => {
    expect(await virsh(lab.LAB_HOST2_TCP_URI, "hostname")).toBe(lab.LAB_HOST2_NAME);
    const tls = `${lab.LAB_HOST2_TLS_URI}?pkipath=${lab.LAB_TLS_PKIPATH}`;
    expect(await virsh(tls, "hostname")).toBe(lab.LAB_HOST2_NAME);
    for (const f of [lab.LAB_TLS_CA, lab.LAB_TLS_CLIENT_CERT, lab.LAB_TLS_CLIENT_KEY]) {
      expect(f.startsWith(`${lab.LAB_TLS_PKIPATH}/`)).toBe(true);
    }
  });

  it("listens on its lab address only, never on all addresses", async () => {
    const { stdout } = await run("ip", ["netns", "exec", lab.LAB_NETNS2, "ss", "-Hltn"]);
    const local = stdout
      .split("\n")
      .filter(Boolean)
      .map((l) => l.trim().split(/\s+/)[3] ?? "");
    for (const port of ["16509", "16514"]) {
      expect(local.filter((a) => a.endsWith(`:${port}`))).toEqual([
        `${lab.LAB_HOST2_ADDR}:${port}`,
      ]);
    }
  });
});
