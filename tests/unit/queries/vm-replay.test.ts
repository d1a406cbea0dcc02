import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import type { VmListItem, VmSummary } from "@/lib/inventory/summaries";
import { applyVmMessage, readThenReplay, vmKeys, withVmMessage } from "@/lib/queries/vms";

const vm = (over: Partial<VmSummary>): VmSummary => ({
  id: "v1",
  hostId: "h1",
  hostName: "kvm1",
  uuid: "11111111-2222-3333-4444-555555555555",
  name: "web1",
  state: "shut off",
  stateReason: "destroyed",
  vcpus: 1,
  memoryKiB: 65536,
  maxMemoryKiB: 65536,
  osHint: null,
  disks: [],
  nics: [],
  graphics: [],
  bootOrder: ["hd"],
  pending: [],
  autostart: false,
  persistent: true,
  tags: [],
  notes: "",
  gone: false,
  startedAt: null,
  lastSeenAt: "2026-12-02T10:00:00.000Z",
  ...over,
});

describe("a VM list read crossing live messages", () => {
  it("keeps what the socket said while the read was on its way", async () => {
    // The read saw the VM shut off; "gone" came over /ws/events before the response did.
    const client = new QueryClient();
    client.setQueryData<VmListItem[]>(vmKeys.all, [vm({})]);
    let answer: (list: VmListItem[]) => void = () => {};
    const read = readThenReplay(
      () => new Promise<VmListItem[]>((resolve) => (answer = resolve)),
      withVmMessage,
    );
    const gone = vm({ state: "gone", stateReason: null, gone: true });
    const added = vm({ id: "v2", name: "web2" });
    applyVmMessage(client, { type: "vm", vm: gone });
    applyVmMessage(client, { type: "vm", vm: added });
    applyVmMessage(client, { type: "vm-removed", id: "v3", hostId: "h1", uuid: "u3" });
    answer([vm({}), vm({ id: "v3", name: "old" })]);
    expect(await read).toEqual([gone, added]);
  });

  it("replays nothing into a read that began after the message", async () => {
    const client = new QueryClient();
    applyVmMessage(client, { type: "vm", vm: vm({ state: "running" }) });
    const fresh = [vm({ state: "paused" })];
    expect(await readThenReplay(async () => fresh, withVmMessage)).toEqual(fresh);
  });

  it("writes a message into the list and the open detail, adding new VMs and dropping removed", () => {
    const client = new QueryClient();
    client.setQueryData<VmListItem[]>(vmKeys.all, [vm({})]);
    client.setQueryData<VmSummary>(vmKeys.detail("v1"), vm({}));
    applyVmMessage(client, { type: "vm", vm: vm({ state: "running" }) });
    expect(client.getQueryData<VmSummary>(vmKeys.detail("v1"))?.state).toBe("running");
    applyVmMessage(client, { type: "vm", vm: vm({ id: "v2" }) });
    applyVmMessage(client, { type: "vm-removed", id: "v1", hostId: "h1", uuid: "u" });
    expect(client.getQueryData<VmListItem[]>(vmKeys.all)?.map((v) => v.id)).toEqual(["v2"]);
  });
});
