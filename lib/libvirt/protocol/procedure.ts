/**
 * The shape of a procedure table entry: number, program, argument and return
 * codecs. Every procedure we use is declared with {@link procedure} in
 * protocol/procedures/*.ts.
 */
import type { Codec } from "../xdr/codec";
import { Program } from "./constants";

/** One RPC procedure: how to encode its arguments and decode its reply. */
export interface Procedure<A, R> {
  /** Symbolic name, e.g. "DOMAIN_GET_STATE" (for errors and logs). */
  readonly name: string;
  /** Procedure number within the program. */
  readonly proc: number;
  /** Program the procedure belongs to (REMOTE unless stated). */
  readonly prog: number;
  readonly args: Codec<A>;
  readonly ret: Codec<R>;
}

/** Declares a REMOTE_PROGRAM procedure. */
export function procedure<A, R>(
  name: string,
  proc: number,
  args: Codec<A>,
  ret: Codec<R>,
): Procedure<A, R> {
  return { name, proc, prog: Program.REMOTE, args, ret };
}

/** Arguments type of a procedure. */
export type ArgsOf<P> = P extends Procedure<infer A, unknown> ? A : never;
/** Return type of a procedure. */
export type RetOf<P> = P extends Procedure<unknown, infer R> ? R : never;
