/** Builders for server-side packets in the unit tests. */
import { PacketType, Program, Status } from "@/lib/libvirt/protocol/constants";
import { encodePacket, remoteError } from "@/lib/libvirt/protocol/packet";
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
    {
      code,
      domain: 10,
      message,
      level: 2,
      dom: null,
      str1: null,
      str2: null,
      str3: null,
      int1: -1,
      int2: -1,
      net: null,
    },
  );
}

/** A MESSAGE (event) packet; the daemon stamps serial 1 on events. */
export function message<T>(proc: number, codec: Codec<T>, value: T, serial = 1): Buffer {
  return encodePacket(
    { prog: Program.REMOTE, proc, type: PacketType.MESSAGE, serial, status: Status.OK },
    codec,
    value,
  );
}
