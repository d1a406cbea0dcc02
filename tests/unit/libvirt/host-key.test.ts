import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { describeHostKey } from "@/lib/libvirt/transports/ssh";

// An ed25519 host key as OpenSSH writes it in known_hosts (type, then the blob in base64).
const B64 = "AAAAC3NzaC1lZDI1NTE5AAAAIBVVtCjHXom8SxqN+yFgOxHJHQ1SYTCWHc0GrJy2CLFf";

describe("describeHostKey", () => {
  it("reads the type from the blob and fingerprints it as ssh-keygen -l does", () => {
    const key = describeHostKey(Buffer.from(B64, "base64"));
    expect(key.type).toBe("ssh-ed25519");
    expect(key.base64).toBe(B64);
    // ssh-keygen -lf prints SHA256:<unpadded base64 of sha256(blob)>.
    const digest = createHash("sha256").update(Buffer.from(B64, "base64")).digest("base64");
    expect(key.fingerprint).toBe(`SHA256:${digest.replace(/=+$/, "")}`);
    expect(key.fingerprint).not.toContain("=");
  });

  it("does not throw on a truncated blob", () => {
    expect(describeHostKey(Buffer.alloc(2)).type).toBe("unknown");
  });
});
