// Test-driver fixtures for the inventory benchmark: node XML files with many domains, read by
// the lab's libvirtd itself (test+unix:///abs/path.xml gives each connection a fresh copy).
import { writeFile } from "node:fs/promises";
import path from "node:path";

const TEST_NS = "http://libvirt.org/schemas/domain/test/1.0";
/** virDomainState codes understood by <test:runstate>. */
const RUNNING = 1;
const SHUT_OFF = 5;

export interface FixtureHost {
  name: string;
  file: string;
  uri: string;
  domains: number;
  running: number;
}

const ROLES = ["web", "db", "cache", "build", "mail", "vpn", "ci", "log"];

function domainXml(host: number, i: number): { xml: string; running: boolean } {
  const serial = host * 1000 + i; // unique across hosts: it drives the UUID and the MAC
  const hex = serial.toString(16).padStart(4, "0");
  const running = i % 3 !== 2; // two in three running, the rest shut off
  const vcpus = [1, 2, 4, 8][i % 4]!;
  const memKiB = [262_144, 524_288, 1_048_576, 2_097_152, 4_194_304][i % 5]!;
  const name = `${ROLES[i % ROLES.length]}-${String.fromCharCode(97 + host)}${String(i).padStart(3, "0")}`;
  const xml = `  <domain type="test" xmlns:test="${TEST_NS}">
    <name>${name}</name>
    <uuid>b0000000-0000-4000-8000-00000000${hex}</uuid>
    <memory unit="KiB">${memKiB}</memory>
    <currentMemory unit="KiB">${memKiB}</currentMemory>
    <vcpu>${vcpus}</vcpu>
    <os><type arch="x86_64">hvm</type></os>
    <devices>
      <interface type="network">
        <mac address="52:54:00:b${host}:${hex.slice(0, 2)}:${hex.slice(2)}"/>
        <source network="bench-net"/>
      </interface>
    </devices>
    <test:runstate>${running ? RUNNING : SHUT_OFF}</test:runstate>
  </domain>`;
  return { xml, running };
}

/** Writes one fixture per entry of `counts` (e.g. [334, 333, 333]) into `dir` (absolute). */
export async function writeFixtures(
  dir: string,
  counts: readonly number[],
): Promise<FixtureHost[]> {
  const hosts: FixtureHost[] = [];
  for (const [h, count] of counts.entries()) {
    const letter = String.fromCharCode(97 + h);
    const parts = Array.from({ length: count }, (_, i) => domainXml(h, i));
    const file = path.join(dir, `fixture-${letter}.xml`);
    await writeFile(
      file,
      `<!-- Virtdeck inventory benchmark, host ${letter}: ${count} domains. -->\n<node>\n${parts
        .map((p) => p.xml)
        .join("\n")}\n</node>\n`,
    );
    hosts.push({
      name: `bench-${letter}`,
      file,
      uri: `test+unix://${file}`,
      domains: count,
      running: parts.filter((p) => p.running).length,
    });
  }
  return hosts;
}
