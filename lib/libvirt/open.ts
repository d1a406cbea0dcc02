/**
 * The opening handshake on a fresh transport: authentication, keepalive
 * negotiation, CONNECT_OPEN and the feature probes.
 */
import type { RpcClient } from "./client";
import { ConnectionError } from "./errors";
import { AuthType, Feature } from "./protocol/constants";
import {
  AUTH_LIST,
  AUTH_POLKIT,
  CONNECT_OPEN,
  CONNECT_SUPPORTS_FEATURE,
} from "./protocol/procedures/connect";
import type { LibvirtUri } from "./uri";

/** What the daemon told us during the handshake. */
export interface OpenResult {
  /** The server pings us and answers our pings (feature 10). */
  keepalive: boolean;
  /** Callback-style events are available (feature 14). */
  eventCallbacks: boolean;
  /** Typed parameters may carry strings (feature 9). */
  typedParamString: boolean;
}

async function authenticate(rpc: RpcClient, uri: LibvirtUri, timeout: number): Promise<void> {
  const types = await rpc.call(AUTH_LIST, undefined, { timeout });
  if (types.length === 0 || types.includes(AuthType.NONE)) return;
  if (types.includes(AuthType.POLKIT)) {
    const ok = await rpc.call(AUTH_POLKIT, undefined, { timeout });
    if (ok) return;
    throw new ConnectionError("auth", `polkit refused access to ${uri.raw}`);
  }
  if (types.includes(AuthType.SASL)) {
    // Fail fast and clearly rather than hang in a handshake we cannot complete.
    throw new ConnectionError(
      "unsupported",
      `${uri.raw} requires SASL authentication, which is not supported yet; use a UNIX socket, SSH, or a daemon with auth none/polkit`,
    );
  }
  throw new ConnectionError(
    "unsupported",
    `no supported authentication method offered (${types.join(", ")})`,
  );
}

/** Runs the handshake; the RPC client must be freshly attached to the transport. */
export async function openConnection(
  rpc: RpcClient,
  uri: LibvirtUri,
  opts: { timeout: number; readOnly?: boolean },
): Promise<OpenResult> {
  const { timeout } = opts;
  const feature = (f: number) => rpc.call(CONNECT_SUPPORTS_FEATURE, { feature: f }, { timeout });
  await authenticate(rpc, uri, timeout);
  // Asked before the open: a yes also starts the server's pings.
  const keepalive = (await feature(Feature.PROGRAM_KEEPALIVE)) === 1;
  if (keepalive) rpc.startKeepalive();
  await rpc.call(CONNECT_OPEN, { name: uri.name, flags: opts.readOnly ? 1 : 0 }, { timeout });
  const [events, tps] = await Promise.all([
    feature(Feature.REMOTE_EVENT_CALLBACK),
    feature(Feature.TYPED_PARAM_STRING),
  ]);
  return { keepalive, eventCallbacks: events === 1, typedParamString: tps === 1 };
}
