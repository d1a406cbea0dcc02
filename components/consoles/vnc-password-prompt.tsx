"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Asked only when the VNC server wants a password Virtdeck could not supply. */
export function VncPasswordPrompt({ onSubmit }: { onSubmit: (password: string) => void }) {
  const [password, setPassword] = useState("");
  return (
    <form
      className="flex items-center gap-2 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(password);
        setPassword("");
      }}
    >
      <label htmlFor="vnc-password">The VNC server asks for a password:</label>
      <input
        id="vnc-password"
        type="password"
        autoComplete="off"
        className="rounded-md border border-zinc-300 px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-900"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <Button type="submit">Send</Button>
    </form>
  );
}
