import { z } from "zod";

/** libvirt network names: no XML specials, no slashes, nothing a shell or a path would mind. */
export const networkNameSchema = z
  .string()
  .trim()
  .min(1, "Give the network a name")
  .max(50, "Keep the name to 50 characters")
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]*$/,
    "The name may use letters, digits and . _ - (starting with a letter or digit)",
  );

/** Linux interface names: at most 15 characters. */
export const bridgeNameSchema = z
  .string()
  .trim()
  .min(1, "Give the bridge a name")
  .max(15, "Bridge names are at most 15 characters (a Linux limit)")
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, "The bridge name may use letters, digits and . _ -");

const ipv4 = z.string().trim().max(15);
const macSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/, "A MAC address looks like 52:54:00:12:34:56");

export const NETWORK_KINDS = ["nat", "private", "bridge", "routed", "open"] as const;
export type NetworkKind = (typeof NETWORK_KINDS)[number];

const hostId = z.string().min(1).max(64);

/** NAT, private bridge, and the advanced routed/open modes: a bridge and an IPv4 subnet. */
const ipNetwork = z.object({
  hostId,
  kind: z.enum(["nat", "private", "routed", "open"]),
  name: networkNameSchema,
  bridge: bridgeNameSchema,
  subnet: z.string().trim().min(1, "Give the IPv4 subnet, like 10.60.1.0/24").max(18),
  gateway: ipv4.min(1, "Give the gateway address"),
  dhcp: z.boolean().default(true),
  dhcpStart: ipv4.default(""),
  dhcpEnd: ipv4.default(""),
  ipv6: z.string().trim().max(43).default(""),
  domain: z
    .string()
    .trim()
    .max(63)
    .regex(
      /^([A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*)?$/,
      "The DNS domain may use letters, digits, - and .",
    )
    .default(""),
  autostart: z.boolean().default(true),
});

/** Public bridge: VMs join an existing bridge of the host. */
const bridgeNetwork = z.object({
  hostId,
  kind: z.literal("bridge"),
  name: networkNameSchema,
  hostBridge: bridgeNameSchema,
  autostart: z.boolean().default(true),
});

export const createNetworkSchema = z.discriminatedUnion("kind", [ipNetwork, bridgeNetwork]);
export type CreateNetworkInput = z.infer<typeof createNetworkSchema>;
export type IpNetworkInput = z.infer<typeof ipNetwork>;
export type BridgeNetworkInput = z.infer<typeof bridgeNetwork>;

export const networkRefSchema = z.object({ hostId, name: networkNameSchema });

export const NETWORK_ACTIONS = ["start", "stop", "autostart"] as const;
export const networkActionSchema = networkRefSchema.extend({
  action: z.enum(NETWORK_ACTIONS, { error: "The action must be start, stop or autostart" }),
  /** For autostart: on or off (default on). */
  on: z.boolean().default(true),
});

export const deleteNetworkSchema = networkRefSchema.extend({
  /** Deleting a network VMs use needs the operator's explicit yes. */
  force: z.boolean().default(false),
});

export const dhcpHostSchema = networkRefSchema.extend({
  mac: macSchema,
  ip: ipv4.min(1, "Give the IP address"),
  hostname: z
    .string()
    .trim()
    .max(63)
    .regex(/^[A-Za-z0-9-]*$/, "The hostname may use letters, digits and -")
    .default(""),
});

export const NIC_MODELS = ["virtio", "e1000", "rtl8139"] as const;

export const addNicSchema = z.object({
  id: z.string().min(1).max(64),
  /** "network" for a libvirt network of the VM's host, "bridge" for a host bridge directly. */
  type: z.enum(["network", "bridge"]),
  source: z.string().trim().min(1, "Choose a network or bridge").max(50),
  model: z.enum(NIC_MODELS).default("virtio"),
  /** Empty: generated in 52:54:00. */
  mac: z.union([z.literal(""), macSchema]).default(""),
});

export const removeNicSchema = z.object({ id: z.string().min(1).max(64), mac: macSchema });

export const changeNicSchema = removeNicSchema.extend({
  type: z.enum(["network", "bridge"]),
  source: z.string().trim().min(1, "Choose a network or bridge").max(50),
});
