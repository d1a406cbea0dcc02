// Sessions and the first-start admin against a real SQLite file.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../support/fresh-store";

const store = await freshStore("sessions");
const { db, dataDir, env, sqlitePath } = store;

const { bootstrapAdmin } = await import("@/lib/auth/bootstrap-admin");
const { verifyPassword } = await import("@/lib/auth/password");
const sessions = await import("@/lib/auth/session-store");

beforeAll(() => {
  store.migrate();
});

afterAll(async () => {
  await store.dispose();
});

describe("first start and sessions", () => {
  it("keeps the database under the data directory by default", () => {
    expect(sqlitePath(env.DATABASE_URL)).toBe(path.join(dataDir, "virtdeck.db"));
  });

  it("creates admin once, with a one-time password that must be changed", async () => {
    const first = await bootstrapAdmin();
    if (!first.created || first.oneTimePassword === null)
      throw new Error("expected a generated password");
    const admin = await db.user.findUniqueOrThrow({ where: { username: "admin" } });
    expect(admin.mustChangePassword).toBe(true);
    expect(admin.passwordHash).not.toContain(first.oneTimePassword);
    expect(await verifyPassword(admin.passwordHash, first.oneTimePassword)).toBe(true);
    expect(await bootstrapAdmin()).toEqual({ created: false });
    expect(await db.user.count()).toBe(1);
  });

  it("resolves, slides, expires and revokes sessions", async () => {
    const admin = await db.user.findUniqueOrThrow({ where: { username: "admin" } });
    const { token } = await sessions.createSession(admin.id, "vitest");
    const stored = await db.session.findFirstOrThrow({ where: { userId: admin.id } });
    expect(stored.tokenHash).not.toBe(token); // only the hash is stored
    expect(await sessions.resolveSession(token)).toMatchObject({
      username: "admin",
      mustChangePassword: true,
    });
    expect(await sessions.resolveSession(`${token}x`)).toBeNull();
    expect(await sessions.resolveSession(undefined)).toBeNull();

    // A session used again more than a minute later is extended by a full lifetime.
    const soon = new Date(Date.now() + 5_000);
    await db.session.update({
      where: { id: stored.id },
      data: { expiresAt: soon, lastSeenAt: new Date(Date.now() - 120_000) },
    });
    const slid = await sessions.resolveSession(token);
    expect(slid!.expiresAt.getTime()).toBeGreaterThan(
      Date.now() + env.VIRTDECK_SESSION_HOURS * 3600_000 - 60_000,
    );

    await db.session.update({
      where: { id: stored.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await sessions.resolveSession(token)).toBeNull();
    expect(await db.session.count({ where: { id: stored.id } })).toBe(0); // expired rows are removed

    const second = await sessions.createSession(admin.id, null);
    await sessions.revokeSession(second.token);
    expect(await sessions.resolveSession(second.token)).toBeNull();
  });

  it("revokes a user's other sessions but keeps the current one", async () => {
    const admin = await db.user.findUniqueOrThrow({ where: { username: "admin" } });
    const keep = await sessions.createSession(admin.id, null);
    const other = await sessions.createSession(admin.id, null);
    const current = await sessions.resolveSession(keep.token);
    await sessions.revokeUserSessions(admin.id, current!.sessionId);
    expect(await sessions.resolveSession(keep.token)).not.toBeNull();
    expect(await sessions.resolveSession(other.token)).toBeNull();
  });

  it("reads the session cookie out of a raw Cookie header", () => {
    expect(sessions.readCookie("a=1; virtdeck_session=abc%3D; b=2", "virtdeck_session")).toBe(
      "abc=",
    );
    expect(sessions.readCookie("virtdeck_sessionx=1", "virtdeck_session")).toBeUndefined();
    expect(sessions.readCookie(undefined, "virtdeck_session")).toBeUndefined();
  });
});
