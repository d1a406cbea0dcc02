// X11 keysyms for the toolbar's key combinations and for typing pasted text into a guest.
export const XK = {
  BackSpace: 0xff08,
  Tab: 0xff09,
  Return: 0xff0d,
  Escape: 0xff1b,
  Delete: 0xffff,
  Control_L: 0xffe3,
  Alt_L: 0xffe9,
  Super_L: 0xffeb,
  F1: 0xffbe,
} as const;

export interface KeyCombo {
  label: string;
  keys: { keysym: number; code: string }[];
}

const ctrl = { keysym: XK.Control_L, code: "ControlLeft" };
const alt = { keysym: XK.Alt_L, code: "AltLeft" };
const fkey = (n: number) => ({ keysym: XK.F1 + n - 1, code: `F${n}` });

export const KEY_COMBOS: KeyCombo[] = [
  ...[1, 2, 3, 7].map((n) => ({ label: `Ctrl+Alt+F${n}`, keys: [ctrl, alt, fkey(n)] })),
  { label: "Ctrl+Alt+Backspace", keys: [ctrl, alt, { keysym: XK.BackSpace, code: "Backspace" }] },
  { label: "Alt+Tab", keys: [alt, { keysym: XK.Tab, code: "Tab" }] },
  { label: "Ctrl+C", keys: [ctrl, { keysym: 0x63, code: "KeyC" }] },
  { label: "Ctrl+D", keys: [ctrl, { keysym: 0x64, code: "KeyD" }] },
  { label: "Escape", keys: [{ keysym: XK.Escape, code: "Escape" }] },
  { label: "Super", keys: [{ keysym: XK.Super_L, code: "MetaLeft" }] },
];

/** The keysym for one character: Latin-1 maps to itself, the rest to 0x01000000 + code point. */
export function keysymOf(char: string): number {
  if (char === "\n" || char === "\r") return XK.Return;
  if (char === "\t") return XK.Tab;
  const cp = char.codePointAt(0) ?? 0x3f;
  return cp < 0x100 ? cp : 0x01000000 + cp;
}
