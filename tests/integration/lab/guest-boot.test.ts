// A fresh tiny guest on the lab's host 1: it boots to a shell on its serial console, takes a
// DHCP lease from the lab network, shows its VGA console over VNC, and powers off on the ACPI
// power button (virsh shutdown).
import { readFile, rm } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { labEnv } from "../support/lab-env";
import { virsh, waitFor } from "../support/virsh";
import {
  freshGuestName,
  readSerial,
  removeTinyGuest,
  serialLogOf,
  startTinyGuest,
} from "./tiny-guest";

const lab = labEnv();
const uri = lab.LAB_URI;
const name = freshGuestName();
const serialLog = serialLogOf(lab, name);

afterAll(async () => {
  await removeTinyGuest(lab, name);
});

/** The guest's lease in `virsh net-dhcp-leases`, found by its MAC, or undefined. */
async function leaseFor(mac: string): Promise<{ ip: string; hostname: string } | undefined> {
  const out = await virsh(uri, "net-dhcp-leases", lab.LAB_NETWORK, "--mac", mac);
  for (const line of out.split("\n")) {
    const cols = line.trim().split(/\s+/);
    if (cols[2]?.toLowerCase() === mac && cols[4]) {
      return { ip: cols[4].replace(/\/\d+$/, ""), hostname: cols[5] ?? "" };
    }
  }
  return undefined;
}

function ipv4ToInt(ip: string): number {
  return ip.split(".").reduce((acc, part) => acc * 256 + Number(part), 0);
}

/** True for an address inside the lab network's CIDR other than its gateway. */
function inLabNetwork(ip: string): boolean {
  const [base = "", bits = "32"] = lab.LAB_NETWORK_CIDR.split("/");
  const size = 2 ** (32 - Number(bits));
  const offset = ipv4ToInt(ip) - ipv4ToInt(base);
  return offset > 0 && offset < size - 1 && ip !== lab.LAB_NETWORK_GATEWAY;
}

/** The first bytes a VNC server sends: its protocol version, e.g. "RFB 003.008\n". */
function rfbGreeting(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port });
    const timer = setTimeout(() => socket.destroy(new Error("no RFB greeting in 10 s")), 10_000);
    let data = "";
    socket.on("data", (chunk) => {
      data += chunk.toString("latin1");
      if (data.length >= 12) {
        clearTimeout(timer);
        socket.destroy();
        resolve(data.slice(0, 12));
      }
    });
    socket.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

describe("a fresh tiny guest on host 1", () => {
  it("boots to a root shell on the serial console and gets a DHCP lease", async () => {
    const started = Date.now();
    const { readyMs } = await startTinyGuest(lab, name);
    expect(await virsh(uri, "domstate", name)).toBe("running");
    expect(await readSerial(serialLog)).toContain(lab.LAB_GUEST_PROMPT);

    const mac = (await virsh(uri, "domiflist", name)).match(/([0-9a-f]{2}:){5}[0-9a-f]{2}/)?.[0];
    expect(mac).toBeDefined();
    const lease = await waitFor("a DHCP lease for the guest", () => leaseFor(mac ?? ""), 60_000);
    const leaseMs = Date.now() - started;
    expect(inLabNetwork(lease.ip)).toBe(true);
    expect(lease.hostname).toBe(name);
    // The guest itself reports the same address (its DHCP client prints it a moment after
    // dnsmasq has recorded the lease), and libvirt's interface view agrees.
    const line = `virtdeck-guest lease ${lease.ip}`;
    await waitFor(
      `"${line}" on ${serialLog}`,
      async () => ((await readSerial(serialLog)).includes(line) ? true : undefined),
      15_000,
    );
    const prefix = lab.LAB_NETWORK_CIDR.split("/")[1];
    expect(await virsh(uri, "domifaddr", name)).toContain(`${lease.ip}/${prefix}`);
    console.info(`${name}: shell prompt after ${readyMs} ms, lease after ${leaseMs} ms`);
  }, 150_000);

  it("shows its console over VNC on 127.0.0.1 and in virsh screenshot", async () => {
    const display = await virsh(uri, "vncdisplay", name);
    const match = display.match(/^127\.0\.0\.1:(\d+)$/);
    expect(match, `vncdisplay said ${display}`).not.toBeNull();
    expect(await rfbGreeting(5900 + Number(match?.[1]))).toMatch(/^RFB 003\.00\d\n$/);

    const png = path.join(tmpdir(), `${name}-screen.png`);
    try {
      await virsh(uri, "screenshot", name, png);
      const bytes = await readFile(png);
      expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
      // VGA text mode 80x25 with 9x16 glyphs.
      expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([720, 400]);
    } finally {
      await rm(png, { force: true });
    }
  });

  it("powers off cleanly on virsh shutdown (ACPI power button)", async () => {
    expect(await virsh(uri, "domstate", name)).toBe("running");
    await virsh(uri, "shutdown", name);
    await waitFor(
      "the guest to power off",
      async () => ((await virsh(uri, "domstate", name)) === "shut off" ? true : undefined),
      60_000,
    );
    expect(await readSerial(serialLog)).toContain("virtdeck-guest powering off");
  }, 90_000);
});
