// NETWORK_UPDATE (virNetworkUpdate), which lib/libvirt's NetworkApi does not offer yet: declared
// here with the client's own protocol building blocks. Candidate to move into NetworkApi.
import type { Connection, NetworkRef } from "@/lib/libvirt";
import { Feature } from "@/lib/libvirt/protocol/constants";
import { procedure } from "@/lib/libvirt/protocol/procedure";
import { CONNECT_SUPPORTS_FEATURE } from "@/lib/libvirt/protocol/procedures/connect";
import { networkRef, str } from "@/lib/libvirt/protocol/types";
import { int, struct, uint, xvoid } from "@/lib/libvirt/xdr/codec";

const NETWORK_UPDATE = procedure(
  "NETWORK_UPDATE",
  291,
  struct({
    net: networkRef,
    command: uint,
    section: uint,
    parentIndex: int,
    xml: str,
    flags: uint,
  }),
  xvoid,
);

/** virNetworkUpdateCommand. */
export const UpdateCommand = { MODIFY: 1, DELETE: 2, ADD_LAST: 3, ADD_FIRST: 4 } as const;
/** virNetworkUpdateSection (the ones we use). */
export const UpdateSection = { IP_DHCP_HOST: 4, IP_DHCP_RANGE: 5, DNS_HOST: 10 } as const;
/** virNetworkUpdateFlags: the running network, its persistent config, or both. */
export const UpdateFlags = { LIVE: 1, CONFIG: 2 } as const;

const correctOrder = new WeakMap<Connection, boolean>();

/**
 * libvirt's wire protocol long carried command and section swapped; daemons that fixed it say
 * so with feature 16, and expect the swapped order otherwise (go-libvirt pull 148).
 */
async function hasCorrectOrder(conn: Connection): Promise<boolean> {
  const known = correctOrder.get(conn);
  if (known !== undefined) return known;
  const answer =
    (await conn.rpc.call(CONNECT_SUPPORTS_FEATURE, {
      feature: Feature.NETWORK_UPDATE_HAS_CORRECT_ORDER,
    })) === 1;
  correctOrder.set(conn, answer);
  return answer;
}

export async function updateNetwork(
  conn: Connection,
  net: NetworkRef,
  op: { command: number; section: number; xml: string; flags: number; parentIndex?: number },
): Promise<void> {
  const correct = await hasCorrectOrder(conn);
  await conn.rpc.call(NETWORK_UPDATE, {
    net,
    command: correct ? op.command : op.section,
    section: correct ? op.section : op.command,
    parentIndex: op.parentIndex ?? -1,
    xml: op.xml,
    flags: op.flags,
  });
}
