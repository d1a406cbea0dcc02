/** Network and host-interface procedures (REMOTE_PROGRAM). */
import { array, hyper, int, struct, uint, xvoid } from "../../xdr/codec";
import { Limits } from "../constants";
import { procedure } from "../procedure";
import { interfaceRef as IF, networkRef as N, optStr, str, uuid } from "../types";
import { boolRet, listArgs, strRet } from "./common";

const net = struct({ net: N });
const netRet = struct({ net: N });

/** CONNECT_LIST_ALL_NETWORKS: flags 1 inactive, 2 active (the opposite of domains). */
export const CONNECT_LIST_ALL_NETWORKS = procedure(
  "CONNECT_LIST_ALL_NETWORKS",
  283,
  listArgs,
  struct({ nets: array(N, Limits.NETWORK_LIST), ret: uint }),
);
export const NETWORK_LOOKUP_BY_NAME = procedure(
  "NETWORK_LOOKUP_BY_NAME",
  46,
  struct({ name: str }),
  netRet,
);
export const NETWORK_LOOKUP_BY_UUID = procedure(
  "NETWORK_LOOKUP_BY_UUID",
  47,
  struct({ uuid }),
  netRet,
);
export const NETWORK_DEFINE_XML = procedure("NETWORK_DEFINE_XML", 41, struct({ xml: str }), netRet);
export const NETWORK_CREATE_XML = procedure("NETWORK_CREATE_XML", 40, struct({ xml: str }), netRet);
export const NETWORK_CREATE = procedure("NETWORK_CREATE", 39, net, xvoid);
export const NETWORK_DESTROY = procedure("NETWORK_DESTROY", 42, net, xvoid);
export const NETWORK_UNDEFINE = procedure("NETWORK_UNDEFINE", 49, net, xvoid);
export const NETWORK_SET_AUTOSTART = procedure(
  "NETWORK_SET_AUTOSTART",
  48,
  struct({ net: N, autostart: int }),
  xvoid,
);
export const NETWORK_GET_AUTOSTART = procedure("NETWORK_GET_AUTOSTART", 44, net, boolRet);
export const NETWORK_IS_ACTIVE = procedure("NETWORK_IS_ACTIVE", 152, net, boolRet);
export const NETWORK_GET_XML_DESC = procedure(
  "NETWORK_GET_XML_DESC",
  43,
  struct({ net: N, flags: uint }),
  strRet,
);
export const NETWORK_GET_BRIDGE_NAME = procedure("NETWORK_GET_BRIDGE_NAME", 45, net, strRet);

const lease = struct({
  iface: str,
  expirytime: hyper,
  type: int,
  mac: optStr,
  iaid: optStr,
  ipaddr: str,
  prefix: uint,
  hostname: optStr,
  clientid: optStr,
});
/** NETWORK_GET_DHCP_LEASES: mac null for all leases. */
export const NETWORK_GET_DHCP_LEASES = procedure(
  "NETWORK_GET_DHCP_LEASES",
  341,
  struct({ net: N, mac: optStr, needResults: int, flags: uint }),
  struct({ leases: array(lease, Limits.DHCP_LEASES), ret: uint }),
);

/** CONNECT_LIST_ALL_INTERFACES: flags 1 inactive, 2 active. */
export const CONNECT_LIST_ALL_INTERFACES = procedure(
  "CONNECT_LIST_ALL_INTERFACES",
  284,
  listArgs,
  struct({ ifaces: array(IF, Limits.INTERFACE_LIST), ret: uint }),
);
export const INTERFACE_LOOKUP_BY_NAME = procedure(
  "INTERFACE_LOOKUP_BY_NAME",
  128,
  struct({ name: str }),
  struct({ iface: IF }),
);
export const INTERFACE_GET_XML_DESC = procedure(
  "INTERFACE_GET_XML_DESC",
  130,
  struct({ iface: IF, flags: uint }),
  strRet,
);

/**
 * NETWORK_UPDATE. The protocol long carried command and section swapped: daemons that fixed it
 * say so with feature NETWORK_UPDATE_HAS_CORRECT_ORDER (16); NetworkApi.update handles both.
 */
export const NETWORK_UPDATE = procedure(
  "NETWORK_UPDATE",
  291,
  struct({ net: N, command: uint, section: uint, parentIndex: int, xml: str, flags: uint }),
  xvoid,
);
