import { describe, expect, it } from "vitest";
import { newRecoveryCode, recoveryCodeHash } from "@/lib/auth/recovery-codes";
import { acceptedStep, stepAt, totpEnrolment } from "@/lib/auth/totp";

// RFC 6238 appendix B, SHA-1: the key "12345678901234567890"; the last six digits of its codes.
const RFC_KEY = new TextEncoder().encode("12345678901234567890");
const at = (seconds: number) => seconds * 1000;

describe("TOTP codes", () => {
  it("accepts the RFC's codes at their times", () => {
    expect(acceptedStep(RFC_KEY, "287082", at(59), 0)).toBe(1);
    expect(acceptedStep(RFC_KEY, "081804", at(1111111109), 0)).toBe(stepAt(at(1111111109)));
    expect(acceptedStep(RFC_KEY, "005924", at(1234567890), 0)).toBe(41152263);
    expect(acceptedStep(RFC_KEY, "279037", at(2000000000), 0)).toBe(66666666);
  });

  it("allows one step of clock drift either way, not two", () => {
    // 287082 belongs to step 1 (30–59 s).
    expect(acceptedStep(RFC_KEY, "287082", at(89), 0)).toBe(1);
    expect(acceptedStep(RFC_KEY, "287082", at(5), 0)).toBe(1);
    expect(acceptedStep(RFC_KEY, "287082", at(95), 0)).toBeNull();
  });

  it("never accepts a step at or before the last one used (no replay)", () => {
    expect(acceptedStep(RFC_KEY, "287082", at(59), 1)).toBeNull();
    expect(acceptedStep(RFC_KEY, "287082", at(59), 2)).toBeNull();
  });

  it("takes spaces as apps show them and refuses anything but six digits", () => {
    expect(acceptedStep(RFC_KEY, "287 082", at(59), 0)).toBe(1);
    for (const bad of ["28708", "2870822", "28708a", "", "94287082"])
      expect(acceptedStep(RFC_KEY, bad, at(59), 0)).toBeNull();
  });

  it("enrols with an otpauth URI an app reads and the key in groups of four", () => {
    const { uri, manualKey } = totpEnrolment(RFC_KEY, "alice@example");
    expect(uri).toBe(
      "otpauth://totp/Virtdeck:alice%40example?issuer=Virtdeck&algorithm=SHA1&secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&period=30&digits=6",
    );
    expect(manualKey).toBe("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ");
  });
});

describe("recovery codes", () => {
  it("are ten characters of an unambiguous alphabet, each different", () => {
    const codes = Array.from({ length: 200 }, newRecoveryCode);
    for (const c of codes) expect(c).toMatch(/^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("compare without case, spaces or the dash", () => {
    const h = recoveryCodeHash("k7qm2-x9hrt");
    expect(recoveryCodeHash("K7QM2X9HRT")).toBe(h);
    expect(recoveryCodeHash(" k7qm2 x9hrt ")).toBe(h);
    expect(recoveryCodeHash("k7qm2-x9hrs")).not.toBe(h);
  });
});
