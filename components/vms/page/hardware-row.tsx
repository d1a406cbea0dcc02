import type { ReactNode } from "react";

/** One line of the hardware list: what it is, its value (and what the next boot changes), actions. */
export function HardwareRow({
  label,
  children,
  actions,
  editor,
  testId,
  mac,
  target,
}: {
  label: string;
  children: ReactNode;
  actions?: ReactNode;
  editor?: ReactNode;
  testId?: string;
  /** A NIC row's MAC, for finding the row of one NIC. */
  mac?: string;
  /** A disk row's target (vda, sda), for finding the row of one disk. */
  target?: string;
}) {
  return (
    <li className="py-3" data-testid={testId} data-mac={mac} data-target={target}>
      <div className="grid grid-cols-[9rem_minmax(0,1fr)_auto] items-center gap-x-4 gap-y-2">
        <span className="text-sm text-zinc-500 dark:text-zinc-400">{label}</span>
        <div className="min-w-0 text-sm">{children}</div>
        <div className="flex flex-wrap justify-end gap-2">{actions}</div>
      </div>
      {editor ? <div className="mt-3 sm:ml-[10rem]">{editor}</div> : null}
    </li>
  );
}
