// Static DHCP host entries (MAC → IP), changed on the running network and in its config at once.
import { AppError } from "@/lib/errors";
import {
  type Connection,
  type NetworkRef,
  NetworkUpdateCommand as UpdateCommand,
  NetworkUpdateFlags as UpdateFlags,
  NetworkUpdateSection as UpdateSection,
} from "@/lib/libvirt";
import { buildDhcpHostXml } from "@/lib/xml/build-network";
import { parseNetworkXml } from "@/lib/xml/parse-network";
import { changeNetwork } from "./change-network";
import { isHostAddress, parseCidr, parseIpv4 } from "./cidr";

type Entry = { hostId: string; name: string; mac: string; ip: string; hostname: string };

async function impactFlags(conn: Connection, net: NetworkRef): Promise<number> {
  const [active, persistent] = await Promise.all([
    conn.networks.isActive(net),
    conn.networks.list(4).then((l) => l.some((n) => n.uuid === net.uuid)),
  ]);
  return (active ? UpdateFlags.LIVE : 0) | (persistent ? UpdateFlags.CONFIG : 0);
}

export function addDhcpHost(e: Entry): Promise<void> {
  return changeNetwork(e, "dhcp-host-added", async ({ conn }) => {
    const net = await conn.networks.lookupByName(e.name);
    const parsed = parseNetworkXml(await conn.networks.xml(net));
    const cidr = parsed.subnet ? parseCidr(parsed.subnet) : null;
    const ip = parseIpv4(e.ip);
    if (!cidr || !("subnet" in cidr) || !parsed.dhcpRange)
      throw new AppError("invalid", `${e.name} has no IPv4 DHCP service to add hosts to`);
    if (ip === null || !isHostAddress(cidr.subnet, ip))
      throw new AppError("invalid", `${e.ip} is not a host address inside ${parsed.subnet}`);
    await conn.networks.update(net, {
      command: UpdateCommand.ADD_LAST,
      section: UpdateSection.IP_DHCP_HOST,
      xml: buildDhcpHostXml(e),
      flags: await impactFlags(conn, net),
    });
  });
}

export function removeDhcpHost(e: Entry): Promise<void> {
  return changeNetwork(e, "dhcp-host-removed", async ({ conn }) => {
    const net = await conn.networks.lookupByName(e.name);
    await conn.networks.update(net, {
      command: UpdateCommand.DELETE,
      section: UpdateSection.IP_DHCP_HOST,
      xml: buildDhcpHostXml(e),
      flags: await impactFlags(conn, net),
    });
  });
}
