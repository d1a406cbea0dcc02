import { describe, expect, it } from "vitest";
import { newJobId } from "@/lib/live/job-id";
import { cloneVmSchema } from "@/lib/schemas/vm-edit";

describe("newJobId", () => {
  it("makes version 4 UUIDs that the clone input accepts", () => {
    const ids = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const id = newJobId();
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      ids.add(id);
    }
    expect(ids.size).toBe(1000);
    expect(cloneVmSchema.safeParse({ id: "x", name: "copy", jobId: newJobId() }).success).toBe(
      true,
    );
  });

  it("the clone input refuses a job id that is not a UUID", () => {
    const r = cloneVmSchema.safeParse({ id: "x", name: "copy", jobId: "<script>" });
    expect(r.success).toBe(false);
  });
});
