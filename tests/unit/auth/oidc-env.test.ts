import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";

const dataDir = mkdtempSync(path.join(tmpdir(), "vd-oidc-env-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const NAMES = [
  "VIRTDECK_OIDC_ISSUER",
  "VIRTDECK_OIDC_CLIENT_ID",
  "VIRTDECK_OIDC_CLIENT_SECRET",
  "VIRTDECK_OIDC_SCOPES",
];
afterEach(() => {
  for (const name of NAMES) delete process.env[name];
});

/** lib/env as a fresh start would read it with these variables. */
async function loadWith(vars: Record<string, string>) {
  vi.resetModules();
  process.env.VIRTDECK_DATA_DIR = dataDir;
  for (const name of NAMES) delete process.env[name];
  Object.assign(process.env, vars);
  return (await import("@/lib/env")).env;
}

const complete = {
  VIRTDECK_OIDC_ISSUER: "https://idp.example.com/realms/lab",
  VIRTDECK_OIDC_CLIENT_ID: "virtdeck",
  VIRTDECK_OIDC_CLIENT_SECRET: "a-secret",
};

describe("the single sign-on settings", () => {
  it("are off when none is set, with the documented defaults", async () => {
    const env = await loadWith({});
    expect(env.VIRTDECK_OIDC_ISSUER).toBeUndefined();
    expect(env.VIRTDECK_OIDC_USERNAME_CLAIM).toBe("preferred_username");
    expect(env.VIRTDECK_OIDC_GROUPS_CLAIM).toBe("groups");
    expect(env.VIRTDECK_OIDC_SCOPES).toBe("openid profile groups");
    expect(env.VIRTDECK_OIDC_NAME).toBe("single sign-on");
  });

  it("are on with issuer, client id and secret", async () => {
    expect((await loadWith(complete)).VIRTDECK_OIDC_ISSUER).toBe(complete.VIRTDECK_OIDC_ISSUER);
  });

  it("stop the start naming what is missing from half a configuration", async () => {
    const { VIRTDECK_OIDC_CLIENT_SECRET: _, ...partial } = complete;
    await expect(loadWith(partial)).rejects.toThrow(
      /VIRTDECK_OIDC_CLIENT_SECRET: required with VIRTDECK_OIDC_ISSUER and VIRTDECK_OIDC_CLIENT_ID/,
    );
  });

  it("take plain http only for an issuer on loopback", async () => {
    const local = await loadWith({ ...complete, VIRTDECK_OIDC_ISSUER: "http://127.0.0.1:3101" });
    expect(local.VIRTDECK_OIDC_ISSUER).toBe("http://127.0.0.1:3101");
    await expect(
      loadWith({ ...complete, VIRTDECK_OIDC_ISSUER: "http://idp.example.com" }),
    ).rejects.toThrow(/VIRTDECK_OIDC_ISSUER: must be an https:\/\/ URL/);
    await expect(
      loadWith({ ...complete, VIRTDECK_OIDC_ISSUER: "http://127.0.0.1.example.com" }),
    ).rejects.toThrow(/VIRTDECK_OIDC_ISSUER/);
  });

  it("need openid among the scopes", async () => {
    await expect(loadWith({ ...complete, VIRTDECK_OIDC_SCOPES: "profile groups" })).rejects.toThrow(
      /VIRTDECK_OIDC_SCOPES: must include openid/,
    );
  });
});
