import { describe, expect, it } from "vitest";
import {
  ConnectionError,
  errorCodeName,
  isConnectionLost,
  isNotFound,
  isOperationInvalid,
  isTimeout,
  isUnsupported,
  LibvirtError,
} from "@/lib/libvirt/errors";
import {
  domainEventDetailWord,
  domainEventWord,
  networkEventWord,
} from "@/lib/libvirt/event-words";

describe("errors", () => {
  it("names codes", () => {
    expect(errorCodeName(42)).toBe("NO_DOMAIN");
    expect(errorCodeName(55)).toBe("OPERATION_INVALID");
    expect(errorCodeName(88)).toBe("ACCESS_DENIED");
    expect(errorCodeName(9999)).toBe("ERROR_9999");
  });

  it("uses libvirt's message, or the code name when the message is NULL", () => {
    const e = new LibvirtError({ code: 42, domain: 10, message: "Domain not found", level: 2 });
    expect(e.message).toBe("Domain not found");
    expect(e.codeName).toBe("NO_DOMAIN");
    expect(isNotFound(e)).toBe(true);
    expect(new LibvirtError({ code: 55, domain: 10, message: null, level: 2 }).message).toBe(
      "OPERATION_INVALID",
    );
  });

  it("classifies", () => {
    expect(
      isOperationInvalid(new LibvirtError({ code: 55, domain: 0, message: "", level: 2 })),
    ).toBe(true);
    expect(isUnsupported(new LibvirtError({ code: 84, domain: 0, message: "", level: 2 }))).toBe(
      true,
    );
    expect(isConnectionLost(new ConnectionError("closed", "x"))).toBe(true);
    expect(isTimeout(new ConnectionError("timeout", "x"))).toBe(true);
    expect(isNotFound(new Error("Domain not found"))).toBe(false);
  });

  it("recognises errors made by another copy of the module (by name and shape)", () => {
    // What a LibvirtError from a second bundle of lib/libvirt looks like to this one.
    const foreign = Object.assign(new Error("Domain not found: no domain with matching name 'x'"), {
      name: "LibvirtError",
      code: 42,
    });
    expect(isNotFound(foreign)).toBe(true);
    expect(
      isTimeout(Object.assign(new Error("t"), { name: "ConnectionError", kind: "timeout" })),
    ).toBe(true);
  });

  it("maps lifecycle codes to words", () => {
    expect([domainEventWord(2), domainEventDetailWord(2, 0)]).toEqual(["started", "booted"]);
    expect([domainEventWord(5), domainEventDetailWord(5, 1)]).toEqual(["stopped", "destroyed"]);
    expect(domainEventWord(42)).toBe("unknown-42");
    expect(networkEventWord(2)).toBe("started");
  });
});
