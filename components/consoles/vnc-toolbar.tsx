"use client";
import type RFB from "@novnc/novnc";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { KEY_COMBOS, keysymOf } from "./keysyms";

export type Scaling = "fit" | "native" | "remote";

const SELECT =
  "rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900";

/** Presses the keys in order and releases them in reverse, as a person would. */
function sendCombo(rfb: RFB, label: string): void {
  const combo = KEY_COMBOS.find((c) => c.label === label);
  if (!combo) return;
  for (const k of combo.keys) rfb.sendKey(k.keysym, k.code, true);
  for (const k of [...combo.keys].reverse()) rfb.sendKey(k.keysym, k.code, false);
}

export function VncToolbar({
  rfb,
  scaling,
  onScaling,
  onFullscreen,
  onScreenshot,
  onPopOut,
}: {
  rfb: RFB | null;
  scaling: Scaling;
  onScaling: (s: Scaling) => void;
  onFullscreen: () => void;
  onScreenshot: () => void;
  onPopOut?: () => void;
}) {
  const [paste, setPaste] = useState("");
  const disabled = !rfb;
  const typeText = () => {
    if (!rfb) return;
    for (const char of paste) rfb.sendKey(keysymOf(char), null);
    setPaste("");
    rfb.focus();
  };
  return (
    <div className="flex flex-wrap items-center gap-2" role="toolbar" aria-label="Console">
      <Button variant="secondary" disabled={disabled} onClick={() => rfb?.sendCtrlAltDel()}>
        Ctrl+Alt+Del
      </Button>
      <select
        aria-label="Send keys"
        className={SELECT}
        disabled={disabled}
        value=""
        onChange={(e) => rfb && sendCombo(rfb, e.target.value)}
      >
        <option value="">Send keys…</option>
        {KEY_COMBOS.map((c) => (
          <option key={c.label} value={c.label}>
            {c.label}
          </option>
        ))}
      </select>
      <select
        aria-label="Scaling"
        className={SELECT}
        value={scaling}
        onChange={(e) => onScaling(e.target.value as Scaling)}
      >
        <option value="fit">Fit to window</option>
        <option value="native">1:1</option>
        <option value="remote">Resize the guest</option>
      </select>
      <form
        className="flex items-center gap-1"
        onSubmit={(e) => {
          e.preventDefault();
          typeText();
        }}
      >
        <input
          aria-label="Text to type"
          placeholder="Paste text to type…"
          className={`${SELECT} w-48`}
          value={paste}
          onChange={(e) => setPaste(e.target.value)}
        />
        <Button type="submit" variant="secondary" disabled={disabled || !paste}>
          Type
        </Button>
      </form>
      <Button variant="ghost" onClick={onFullscreen}>
        Fullscreen
      </Button>
      <Button variant="ghost" disabled={disabled} onClick={onScreenshot}>
        Screenshot
      </Button>
      {onPopOut ? (
        <Button variant="ghost" onClick={onPopOut}>
          Pop out
        </Button>
      ) : null}
    </div>
  );
}
