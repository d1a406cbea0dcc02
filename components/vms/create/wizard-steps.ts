// The wizard's steps in order (the server's step ids, then Review) and where a refusal belongs.
import { type CreateVmStep, stepOfField } from "@/lib/schemas/vm-create";

export const WIZARD_STEPS = [
  { id: "name", title: "Name and host", chip: "Name" },
  { id: "os", title: "Operating system", chip: "OS" },
  { id: "source", title: "Install source", chip: "Source" },
  { id: "cpu", title: "CPU, memory and firmware", chip: "CPU and memory" },
  { id: "disk", title: "Disk", chip: "Disk" },
  { id: "network", title: "Network", chip: "Network" },
  { id: "display", title: "Display and type", chip: "Display" },
  { id: "review", title: "Review", chip: "Review" },
] as const satisfies readonly { id: CreateVmStep | "review"; title: string; chip: string }[];

export const REVIEW = WIZARD_STEPS.length - 1;

/** Each field's first message, for the message beside it. */
export function firstMessages(
  fieldErrors: Record<string, string[]> | undefined,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fieldErrors ?? {}).flatMap(([k, v]) => (v[0] ? [[k, v[0]]] : [])),
  );
}

/** The earliest step asking for one of the refused fields, or null when none of them is a step's. */
export function stepOfErrors(fieldErrors: Record<string, string[]> | undefined): number | null {
  const steps = Object.keys(fieldErrors ?? {})
    .map((field) => stepOfField(field))
    .map((id) => WIZARD_STEPS.findIndex((s) => s.id === id))
    .filter((i) => i >= 0);
  return steps.length > 0 ? Math.min(...steps) : null;
}

/** The fields the steps show a message beside; a refusal of any other goes above the buttons. */
const SHOWN = new Set([
  "hostId",
  "name",
  "title",
  "description",
  "osinfoId",
  "source.isoPath",
  "source.diskPath",
  "source.kernel",
  "source.initrd",
  "source.cmdline",
  "vcpus",
  "memoryMib",
  "disk.pool",
  "disk.sizeGib",
  "disk.path",
]);

export function allShown(fields: Record<string, string>): boolean {
  const keys = Object.keys(fields);
  return keys.length > 0 && keys.every((k) => SHOWN.has(k));
}
