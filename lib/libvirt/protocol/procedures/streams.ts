/**
 * Procedures whose CALL opens a stream on the call's serial (REMOTE_PROGRAM).
 * Data then flows as STREAM packets; see stream.ts.
 */
import { struct, uhyperNum, uint, xvoid } from "../../xdr/codec";
import { procedure } from "../procedure";
import { domainRef as D, optStr, volRef as V } from "../types";

/** DOMAIN_SCREENSHOT: server → client; the reply carries the image MIME type. */
export const DOMAIN_SCREENSHOT = procedure(
  "DOMAIN_SCREENSHOT",
  211,
  struct({ dom: D, screen: uint, flags: uint }),
  struct({ mime: optStr }),
);
/** DOMAIN_OPEN_CONSOLE: bidirectional; flags 1 force (take over), 2 safe. */
export const DOMAIN_OPEN_CONSOLE = procedure(
  "DOMAIN_OPEN_CONSOLE",
  201,
  struct({ dom: D, devName: optStr, flags: uint }),
  xvoid,
);
const transferArgs = struct({ vol: V, offset: uhyperNum, length: uhyperNum, flags: uint });
/** STORAGE_VOL_UPLOAD: client → server; length 0 means to the end of the volume. */
export const STORAGE_VOL_UPLOAD = procedure("STORAGE_VOL_UPLOAD", 208, transferArgs, xvoid);
/** STORAGE_VOL_DOWNLOAD: server → client. */
export const STORAGE_VOL_DOWNLOAD = procedure("STORAGE_VOL_DOWNLOAD", 209, transferArgs, xvoid);
