import { describe, expect, it } from "vitest";
import {
  CLOSE,
  closeMessage,
  describeClose,
  describeEnd,
  TAKEN_OVER,
} from "@/lib/consoles/close-codes";
import { holdSerial, markTakenOver, type SerialHolder } from "@/lib/consoles/serial-sessions";

describe("describeEnd (the server's close code for a far end that ended)", () => {
  it("tells a takeover this server saw from a VM that stopped", () => {
    expect(describeEnd("serial", null, false, true)).toEqual({
      code: CLOSE.takenOver,
      reason: TAKEN_OVER,
    });
    expect(describeEnd("serial", null, false, false)).toEqual({
      code: CLOSE.ended,
      reason: "The serial console ended (did the VM stop?)",
    });
  });

  it("reads libvirt's error when the takeover came from elsewhere", () => {
    expect(describeEnd("serial", new Error("stream aborted"), false).code).toBe(CLOSE.takenOver);
    expect(describeEnd("serial", new Error("console shut down"), false).code).toBe(CLOSE.ended);
  });

  it("puts a lost host first, and the screen has no takeover", () => {
    expect(describeEnd("serial", null, true, true).code).toBe(CLOSE.hostLost);
    expect(describeEnd("vnc", null, false, true).code).toBe(CLOSE.ended);
  });
});

describe("describeClose (what the browser shows)", () => {
  it("says a taken-over console was taken by another session, whatever the reason", () => {
    for (const reason of ["", "The serial console ended (did the VM stop?)", TAKEN_OVER]) {
      const shown = describeClose(CLOSE.takenOver, reason);
      expect(shown.status).toBe("taken-over");
      expect(shown.message).toMatch(/another session took this serial console over/i);
      expect(shown.message).not.toMatch(/did the VM stop/);
    }
  });

  it("offers a takeover for a busy console", () => {
    expect(describeClose(CLOSE.busy, "")).toEqual({
      status: "busy",
      message: "Another client holds this serial console",
    });
  });

  it("keeps the server's reason for other codes, and words for the bare ones", () => {
    expect(describeClose(CLOSE.ended, "The VM's display closed (did the VM stop?)")).toEqual({
      status: "disconnected",
      message: "The VM's display closed (did the VM stop?)",
    });
    expect(closeMessage(1006, "")).toBe("The connection to Virtdeck was lost");
    expect(closeMessage(CLOSE.hostLost, "")).toBe("Lost the connection to the VM's host");
    expect(closeMessage(4321, "")).toBe("The console closed (code 4321)");
  });
});

describe("serial holders", () => {
  const holder = (): SerialHolder => ({ takenOver: false, stop: null });

  it("marks the other holders of the same VM only, and undoes it when the open fails", () => {
    const first = holder();
    const elsewhere = holder();
    const second = holder();
    const releases = [
      holdSerial("vm-a", first),
      holdSerial("vm-b", elsewhere),
      holdSerial("vm-a", second),
    ];
    const takeover = markTakenOver("vm-a", second);
    expect(takeover.others).toEqual([first]);
    expect([first.takenOver, elsewhere.takenOver, second.takenOver]).toEqual([true, false, false]);
    takeover.undo();
    expect(first.takenOver).toBe(false);
    for (const release of releases) release();
    expect(markTakenOver("vm-a", holder()).others).toEqual([]);
  });
});
