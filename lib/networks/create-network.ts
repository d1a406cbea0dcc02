// Creates a network after checking it against what the host already has. Nothing reaches the
// host until every check passes, and a network that fails to start is removed again.
import { AppError } from "@/lib/errors";
import { withTimeout } from "@/lib/hosts/live-read";
import type { CreateNetworkInput } from "@/lib/schemas/network";
import { buildBridgeNetworkXml, buildIpNetworkXml } from "@/lib/xml/build-network";
import { changeNetwork } from "./change-network";
import { readInterfaces, readLiveNetworks } from "./read-networks";
import { NetworkInputError, validateNewNetwork } from "./validate-network";

export function createNetwork(input: CreateNetworkInput): Promise<void> {
  return changeNetwork(input, "defined", async ({ conn, host }) => {
    const [networks, interfaces] = await withTimeout(
      Promise.all([readLiveNetworks(conn), readInterfaces(conn)]),
      host.name,
    );
    try {
      validateNewNetwork(input, {
        networks: networks.map((n) => ({
          name: n.parsed.name,
          bridge: n.parsed.bridge,
          subnet: n.parsed.subnet,
          active: n.active,
        })),
        interfaces,
      });
    } catch (error) {
      if (error instanceof NetworkInputError) throw new AppError("invalid", error.message);
      throw error;
    }
    const xml = input.kind === "bridge" ? buildBridgeNetworkXml(input) : buildIpNetworkXml(input);
    const ref = await conn.networks.define(xml);
    try {
      await conn.networks.start(ref);
      if (input.autostart) await conn.networks.setAutostart(ref, true);
    } catch (error) {
      await conn.networks.destroy(ref).catch(() => undefined);
      await conn.networks.undefine(ref).catch(() => undefined);
      throw error;
    }
  });
}
