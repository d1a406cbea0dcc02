// One-time passwords that expire, sessions with an absolute lifetime and a new token at a
// password change, lockouts, and the watch that closes sockets whose credential ended: against a
// real SQLite file.
import { EventEmitter } from "node:events";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../support/fresh-store";

const store = await freshStore("lifetimes");
const { db, dataDir, env } = store;

const { bootstrapAdmin } = await import("@/lib/auth/bootstrap-admin");
const { signIn } = await import("@/lib/auth/sign-in");
const sessions = await import("@/lib/auth/session-store");
const { createApiToken } = await import("@/lib/auth/api-tokens");
const { listLockouts, liftLockout } = await import("@/lib/auth/sign-in-throttle");
const { MAX_CONSOLES_PER_USER, MAX_SOCKETS_PER_SESSION, overLimit, sweep, watchSocket } =
  await import("@/lib/ws/credential-watch");
const { resealLegacySecrets } = await import("@/lib/secrets/reseal");
const { open, seal } = await import("@/lib/secrets/box");

const client = { address: "192.0.2.10", userAgent: "test" };
const day = 86_400_000;

beforeAll(() => {
  store.migrate();
});
afterAll(async () => {
  await store.dispose();
});

describe("one-time passwords", () => {
  let password = "";
  it("work for 24 hours, then are refused in words that say so", async () => {
    const made = await bootstrapAdmin();
    if (!made.created || !made.oneTimePassword) throw new Error("expected a one-time password");
    password = made.oneTimePassword;
    const admin = await db.user.findUniqueOrThrow({ where: { username: "admin" } });
    const hours =
      (admin.oneTimePasswordExpiresAt!.getTime() - admin.createdAt.getTime()) / 3600_000;
    expect(Math.round(hours)).toBe(24);
    expect((await signIn({ username: "admin", password }, client)).ok).toBe(true);
    await db.user.update({
      where: { id: admin.id },
      data: { oneTimePasswordExpiresAt: new Date(Date.now() - 1000) },
    });
    expect(await signIn({ username: "admin", password }, client)).toMatchObject({
      ok: false,
      reason: expect.stringContaining("one-time password has expired"),
    });
  });

  it("a start that finds admin's expired and nobody else able to sign in makes a new one", async () => {
    const renewed = await bootstrapAdmin();
    expect(renewed).toMatchObject({ created: true, renewed: true });
    if (!renewed.created || !renewed.oneTimePassword) throw new Error("expected a new password");
    expect(renewed.oneTimePassword).not.toBe(password);
    expect(
      (await signIn({ username: "admin", password: renewed.oneTimePassword }, client)).ok,
    ).toBe(true);
    // Not again while the new one is valid.
    expect(await bootstrapAdmin()).toEqual({ created: false });
  });
});

describe("sessions", () => {
  it("end at the absolute lifetime however recently used", async () => {
    const admin = await db.user.findUniqueOrThrow({ where: { username: "admin" } });
    const old = new Date(Date.now() - (env.VIRTDECK_SESSION_MAX_DAYS * day + 1000));
    const s = await sessions.createSession(admin.id, "test", old);
    // Sliding alone would keep it: it was just used.
    await db.session.update({
      where: { id: s.sessionId },
      data: {
        lastSeenAt: new Date(Date.now() - 120_000),
        expiresAt: new Date(Date.now() + 3600_000),
      },
    });
    expect(await sessions.resolveSession(s.token)).toBeNull();
    // A young session slides, but never past sign-in + the absolute lifetime.
    const young = await sessions.createSession(
      admin.id,
      "test",
      new Date(Date.now() - (env.VIRTDECK_SESSION_MAX_DAYS * day - 60_000)),
    );
    expect(young.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 60_000);
  });

  it("get a new token at a password change: the old cookie stops working, the sign-in time stays", async () => {
    const admin = await db.user.findUniqueOrThrow({ where: { username: "admin" } });
    const s = await sessions.createSession(admin.id, "test");
    const rotated = await sessions.rotateSession(s.sessionId);
    expect(rotated).not.toBeNull();
    expect(await sessions.resolveSession(s.token)).toBeNull();
    expect(await sessions.resolveSession(rotated!.token)).not.toBeNull();
    const row = await db.session.findFirstOrThrow({
      where: { userId: admin.id },
      orderBy: { createdAt: "desc" },
    });
    const before = await db.session.count({ where: { id: s.sessionId } });
    expect(before).toBe(0);
    expect(Math.abs(row.signedInAt.getTime() - Date.now())).toBeLessThan(60_000);
  });
});

describe("lockouts", () => {
  it("are listed per account and address and lifted by an administrator", async () => {
    const at = Date.now() - 60_000;
    await db.signInFailure.createMany({
      data: Array.from({ length: 10 }, (_, i) => ({
        username: "admin",
        address: "198.51.100.9",
        at: new Date(at - i * 1000),
      })),
    });
    expect(
      await signIn(
        { username: "admin", password: "whatever-it-is" },
        { address: "198.51.100.9", userAgent: null },
      ).catch((e: Error) => e.message),
    ).toMatch(/locked until/);
    expect(await listLockouts()).toEqual([
      expect.objectContaining({ username: "admin", address: "198.51.100.9", failures: 10 }),
    ]);
    expect(await liftLockout("admin", "198.51.100.9")).toBe(10);
    expect(await listLockouts()).toEqual([]);
  });
});

/** The part of a WebSocket the watch uses. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  closedWith: number | null = null;
  close(code: number) {
    this.closedWith = code;
    this.readyState = 3;
    this.emit("close");
  }
}

describe("the credential watch", () => {
  it("closes sockets whose session ended, token was revoked or expired, or user was disabled", async () => {
    const admin = await db.user.findUniqueOrThrow({ where: { username: "admin" } });
    const live = await sessions.createSession(admin.id, "live");
    const ended = await sessions.createSession(admin.id, "ended");
    const token = await createApiToken(admin.id, {
      name: "watched",
      expiresAt: null,
      privsep: false,
    });
    const expiring = await createApiToken(admin.id, {
      name: "expiring",
      expiresAt: new Date(Date.now() + 3600_000),
      privsep: false,
    });
    const sockets = {
      live: new FakeSocket(),
      ended: new FakeSocket(),
      token: new FakeSocket(),
      expiring: new FakeSocket(),
    };
    const watch = (s: FakeSocket, sessionId: string | null, tokenId: string | null) =>
      watchSocket(s as never, { userId: admin.id, sessionId, tokenId, kind: "console" });
    watch(sockets.live, live.sessionId, null);
    watch(sockets.ended, ended.sessionId, null);
    watch(sockets.token, null, token.summary.id);
    watch(sockets.expiring, null, expiring.summary.id);

    expect(await sweep()).toBe(0);
    await sessions.revokeSession(ended.token);
    await db.apiToken.delete({ where: { id: token.summary.id } });
    expect(await sweep()).toBe(2);
    expect(sockets.ended.closedWith).toBe(4401);
    expect(sockets.token.closedWith).toBe(4401);
    // An hour on, the expiring token has ended too.
    expect(await sweep(new Date(Date.now() + 2 * 3600_000))).toBeGreaterThanOrEqual(1);
    expect(sockets.expiring.closedWith).toBe(4401);
    // Disabling the user ends the rest.
    await db.user.update({ where: { id: admin.id }, data: { disabled: true } });
    await sweep();
    expect(sockets.live.closedWith).toBe(4401);
    await db.user.update({ where: { id: admin.id }, data: { disabled: false } });
  });
});

describe("socket caps", () => {
  it("refuse one live socket too many per session, and one console too many per user", () => {
    const credential = (kind: "events" | "console", sessionId: string) => ({
      userId: "u-caps",
      sessionId,
      tokenId: null,
      kind,
    });
    const open = (kind: "events" | "console", sessionId: string) =>
      watchSocket(new FakeSocket() as never, credential(kind, sessionId));
    for (let i = 0; i < MAX_SOCKETS_PER_SESSION; i++) open("events", "s-caps");
    expect(overLimit(credential("events", "s-caps"))).toMatch(/At most 16 live connections/);
    expect(overLimit(credential("events", "s-other"))).toBeNull();
    // Consoles count per user, across sessions.
    for (let i = 0; i < MAX_CONSOLES_PER_USER; i++) open("console", `s-${i}`);
    expect(overLimit(credential("console", "s-new"))).toMatch(/At most 8 open consoles/);
  });
});

describe("secrets sealed by an older release", () => {
  it("are sealed again with the derived key at start, and still open", async () => {
    // v1: AES-256-GCM straight under the key file's bytes.
    const { createCipheriv, randomBytes } = await import("node:crypto");
    const { readFileSync } = await import("node:fs");
    seal("makes the key file"); // the key file appears at the first use
    const raw = Buffer.from(readFileSync(path.join(dataDir, "secret.key"), "utf8"), "base64");
    const iv = randomBytes(12);
    const c = createCipheriv("aes-256-gcm", raw, iv);
    const body = Buffer.concat([c.update("old private key", "utf8"), c.final()]);
    const v1 = [
      "v1",
      iv.toString("base64"),
      c.getAuthTag().toString("base64"),
      body.toString("base64"),
    ].join(".");
    const row = await db.sshKey.create({ data: { fingerprint: "SHA256:x", encryptedKey: v1 } });
    expect(await resealLegacySecrets()).toBe(1);
    const after = await db.sshKey.findUniqueOrThrow({ where: { id: row.id } });
    expect(after.encryptedKey.startsWith("v2.")).toBe(true);
    expect(open(after.encryptedKey)).toBe("old private key");
    expect(await resealLegacySecrets()).toBe(0);
  });
});
