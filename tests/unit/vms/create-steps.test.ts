// The create wizard's step checks: each step parses only its own fields with create's own rules,
// and refusals name their field in words.
import { describe, expect, it } from "vitest";
import { parseInput } from "@/lib/access/input";
import type { AppError } from "@/lib/errors";
import {
  CREATE_VM_STEPS,
  createVmSchema,
  createVmStepSchema,
  stepOfField,
} from "@/lib/schemas/vm-create";

function refusal(schema: Parameters<typeof parseInput>[0], raw: unknown): AppError {
  try {
    parseInput(schema, raw);
  } catch (e) {
    return e as AppError;
  }
  throw new Error("accepted");
}

const hostId = "h1";

describe("the wizard's steps", () => {
  it("ask for every field of create exactly once (the host and start aside)", () => {
    const asked = Object.values(CREATE_VM_STEPS).flat().sort();
    const all = Object.keys(createVmSchema.shape)
      .filter((k) => k !== "hostId" && k !== "start")
      .sort();
    expect(asked).toEqual(all);
  });

  it("find the step of a field, nested ones too", () => {
    expect(stepOfField("name")).toBe("name");
    expect(stepOfField("source.kernel")).toBe("source");
    expect(stepOfField("disk.sizeGib")).toBe("disk");
    expect(stepOfField("memoryMib")).toBe("cpu");
    expect(stepOfField("hostId")).toBe("name");
    expect(stepOfField("_")).toBeNull();
  });

  it("check a step without the later steps' fields", () => {
    expect(parseInput(createVmStepSchema, { step: "name", hostId, name: "wz-ok" })).toMatchObject({
      step: "name",
      name: "wz-ok",
    });
  });

  it.each([
    [{ step: "name", hostId, name: "ux bad name!" }, "name", /^Name: letters, digits/],
    [
      { step: "source", hostId, source: { kind: "kernel", kernel: "boot/vmlinuz" } },
      "source.kernel",
      /^Path must be absolute/,
    ],
    [{ step: "cpu", hostId, vcpus: 300, memoryMib: 1024 }, "vcpus", /^vCPUs: at most 256$/],
    [{ step: "cpu", hostId, vcpus: "x", memoryMib: 1024 }, "vcpus", /^vCPUs: a number$/],
    [{ step: "cpu", hostId, vcpus: 2, memoryMib: 8 }, "memoryMib", /^Memory: at least 32 MiB$/],
    [
      { step: "disk", hostId, disk: { mode: "new", pool: "", sizeGib: 10 } },
      "disk.pool",
      /^Choose a pool$/,
    ],
  ])("refuse %j on its own field", (raw, field, message) => {
    const error = refusal(createVmStepSchema, raw);
    expect(Object.keys(error.fields ?? {})).toEqual([field]);
    expect(error.fields?.[field]?.[0]).toMatch(message);
  });
});
