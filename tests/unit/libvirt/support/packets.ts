/** Builders for server-side packets in the unit tests. */
import { PacketType, Program, Status } from "@/lib/libvirt/protocol/constants";
import {
  encodePacket,
  finishPacket,
  remoteError,
  startPacket,
} from "@/lib/libvirt/protocol/packet";
import type { Codec } from "@/lib/libvirt/xdr/codec";

/** A REPLY OK for (proc, serial) whose payload is codec(value). */
export function reply<T>(proc: number, serial: number, codec: Codec<T>, value: T): Buffer {
  return encodePacket(
    { prog: Program.REMOTE, proc, type: PacketType.REPLY, serial, status: Status.OK },
    codec,
    value,
  );
}

/** A REPLY ERROR carrying a remote_error. */
export function errorReply(
  proc: number,
  serial: number,
  code: number,
  message: string | null,
): Buffer {
  return encodePacket(
    { prog: Program.REMOTE, proc, type: PacketType.REPLY, serial, status: Status.ERROR },
    remoteError,
    remoteErrorValue({ code, domain: 10, message }),
  );
}

/** A remote_error as libvirtd fills one: the fields not given null (the ints -1), level error. */
export function remoteErrorValue(e: {
  code: number;
  domain: number;
  message: string | null;
  str1?: string | null;
  str2?: string | null;
}) {
  return {
    level: 2,
    dom: null,
    str1: null,
    str2: null,
    str3: null,
    int1: -1,
    int2: -1,
    net: null,
    ...e,
  };
}

/** A MESSAGE (event) packet; the daemon stamps serial 1 on events. */
export function message<T>(proc: number, codec: Codec<T>, value: T, serial = 1): Buffer {
  return encodePacket(
    { prog: Program.REMOTE, proc, type: PacketType.MESSAGE, serial, status: Status.OK },
    codec,
    value,
  );
}

/** A STREAM packet on `serial`: CONTINUE with `data` (none: end of file), or OK. */
export function streamData(proc: number, serial: number, data?: Buffer): Buffer {
  const w = startPacket({
    prog: Program.REMOTE,
    proc,
    type: PacketType.STREAM,
    serial,
    status: data === undefined ? Status.OK : Status.CONTINUE,
  });
  if (data) w.raw(data);
  return finishPacket(w);
}

/** A STREAM ERROR carrying a remote_error, as libvirtd ends a console another client took. */
export function streamError(proc: number, serial: number, message: string): Buffer {
  return encodePacket(
    { prog: Program.REMOTE, proc, type: PacketType.STREAM, serial, status: Status.ERROR },
    remoteError,
    remoteErrorValue({ code: 1, domain: 38, message }),
  );
}
