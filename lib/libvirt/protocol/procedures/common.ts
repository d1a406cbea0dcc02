/** Small argument/return shapes shared by the procedure tables. */
import { type Codec, int, map, struct, uint } from "../../xdr/codec";
import { str } from "../types";

/** A return struct with one nonnull string, exposed as the string. */
export const strRet: Codec<string> = map(
  struct({ s: str }),
  (v) => v.s,
  (s: string) => ({ s }),
);
/** A return struct with one int, exposed as the number. */
export const intRet: Codec<number> = map(
  struct({ v: int }),
  (v) => v.v,
  (v: number) => ({ v }),
);
/** A return struct with one int used as a boolean. */
export const boolRet: Codec<boolean> = map(
  int,
  (v) => v !== 0,
  (b: boolean) => (b ? 1 : 0),
);
/** `{ need_results, flags }` arguments of the list-all procedures. */
export const listArgs = struct({ needResults: int, flags: uint });
