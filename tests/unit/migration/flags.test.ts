// The flags a migration's choices give (virsh's options for the same choices) and the words
// its job stats are shown in.
import { describe, expect, it } from "vitest";
import { MigrateFlags as F } from "@/lib/libvirt/flags";
import { describeJob, migrationFlags } from "@/lib/migration/migrate-vm";
import { migrateVmSchema } from "@/lib/schemas/migration";

const input = (over: object = {}) => migrateVmSchema.parse({ id: "v", target: "h2", ...over });

describe("migration flags", () => {
  it("live, persistent on the target, source undefined: virsh --live --persistent --undefinesource", () => {
    expect(migrationFlags(input(), true)).toBe(F.LIVE | F.PERSIST_DEST | F.UNDEFINE_SOURCE);
  });

  it("copy all disks adds --copy-storage-all; auto-converge and post-copy only live", () => {
    const all = input({
      storage: "copy",
      pool: "p",
      autoConverge: true,
      postCopy: true,
      persist: false,
    });
    expect(migrationFlags(all, true)).toBe(
      F.LIVE | F.NON_SHARED_DISK | F.AUTO_CONVERGE | F.POSTCOPY,
    );
  });

  it("a shut-off VM moves its definition: --offline --persistent --undefinesource", () => {
    expect(migrationFlags(input({ persist: false }), false)).toBe(
      F.OFFLINE | F.PERSIST_DEST | F.UNDEFINE_SOURCE,
    );
  });

  it("a shut-off VM with its disks copied: no --copy-storage-all (Virtdeck copies them first)", () => {
    expect(migrationFlags(input({ storage: "copy", pool: "p" }), false)).toBe(
      F.OFFLINE | F.PERSIST_DEST | F.UNDEFINE_SOURCE,
    );
  });

  it("asks for a pool when the disks are copied", () => {
    const r = migrateVmSchema.safeParse({ id: "v", target: "h2", storage: "copy" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe("pool: choose the target's pool for the copied disks");
  });
});

describe("job stats in words", () => {
  it("name the disk copy first, then the memory pass and speed", () => {
    expect(
      describeJob({
        disk_total: 100 * 2 ** 20,
        disk_processed: 25 * 2 ** 20,
        disk_remaining: 75 * 2 ** 20,
      }),
    ).toBe("Copying disks: 25 MiB of 100 MiB");
    expect(
      describeJob({ memory_total: 128 * 2 ** 20, memory_iteration: 2, memory_bps: 2 ** 20 }),
    ).toBe("Memory pass 2 · 1 MiB/s");
    expect(
      describeJob({
        memory_total: 128 * 2 ** 20,
        memory_remaining: 12 * 2 ** 20,
        memory_iteration: 3,
        memory_dirty_rate: 256,
        memory_page_size: 4096,
        downtime: 30,
      }),
    ).toBe("Memory pass 3 · 12 MiB left · dirtying 1 MiB/s · expected downtime 30 ms");
    expect(describeJob({})).toBe("Starting");
  });
});
