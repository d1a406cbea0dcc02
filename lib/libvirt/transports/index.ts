/** Chooses the transport for a URI. */
import type { Duplex } from "node:stream";
import type { LibvirtUri } from "../uri";
import type { Dialer, DialOptions } from "./dialer";
import { dialSsh } from "./ssh";
import { dialTcp } from "./tcp";
import { dialTls } from "./tls";
import { dialUnix } from "./unix";

const DIALERS: Record<LibvirtUri["transport"], Dialer> = {
  unix: dialUnix,
  tcp: dialTcp,
  tls: dialTls,
  ssh: dialSsh,
};

/** Opens the transport the URI names. */
export function dial(uri: LibvirtUri, opts: DialOptions): Promise<Duplex> {
  return DIALERS[uri.transport](uri, opts);
}
