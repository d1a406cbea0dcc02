"use client";
import Link from "next/link";
import type { ConsoleType } from "@/lib/schemas/console";
import { SerialConsole } from "./serial-console";
import { VncConsole } from "./vnc-console";

const TAB = "rounded-md px-3 py-1.5 text-sm font-medium";

/** A VM's consoles: tabs for the screen (VNC) and the serial line, then the console itself. */
export function ConsoleView({
  vm,
  type,
  popOut = false,
}: {
  vm: { id: string; name: string; hasVnc: boolean };
  type: ConsoleType;
  popOut?: boolean;
}) {
  const base = popOut ? `/console/${vm.id}` : `/vms/${vm.id}/console`;
  const tabs: { type: ConsoleType; label: string; show: boolean }[] = [
    { type: "vnc", label: "Screen (VNC)", show: vm.hasVnc },
    { type: "serial", label: "Serial console", show: true },
  ];
  return (
    <div className="flex flex-col gap-3">
      <nav className="flex gap-1" aria-label="Console type">
        {tabs
          .filter((t) => t.show)
          .map((t) => (
            <Link
              key={t.type}
              href={`${base}/${t.type}`}
              aria-current={t.type === type ? "page" : undefined}
              className={`${TAB} ${t.type === type ? "bg-indigo-600 text-white" : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"}`}
            >
              {t.label}
            </Link>
          ))}
      </nav>
      {type === "vnc" ? (
        <VncConsole key={vm.id} vmId={vm.id} vmName={vm.name} popOut={popOut} />
      ) : (
        <SerialConsole key={vm.id} vmId={vm.id} popOut={popOut} />
      )}
    </div>
  );
}
