// Accounts against a real SQLite file: one-time passwords, disabling (sessions end, tokens are
// revoked), deleting (grants go too), Virtdeck refusing to lock itself out, token expiry and
// privilege separation, a password change that revokes tokens, and a console ticket whose
// grant is revoked before it is redeemed.
import type { IncomingMessage } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session-store";
import {
  user as admin,
  closeDb,
  db,
  lab,
  manager,
  startLabHost,
  suffix,
} from "../networks/support";
import { createActor } from "../support/actors";
import { defineXml, guestXml, removeDomain, waitFor } from "../support/virsh";

const { invoke } = await import("@/lib/access/invoke");
const { createUserOp, deleteUserOp, updateUserOp, revokeOp, grantOp } = await import(
  "@/lib/access/operations"
);
const { changePasswordOp } = await import("@/lib/auth/operations");
const { signIn } = await import("@/lib/auth/sign-in");
const { createApiToken, resolveApiToken } = await import("@/lib/auth/api-tokens");
const { createSession, resolveSession } = await import("@/lib/auth/session-store");
const { accessFor } = await import("@/lib/access/access");
const { grant } = await import("@/lib/access/acl");
const { issueConsoleTicket } = await import("@/lib/consoles/issue-ticket");
const { consoleRoute } = await import("@/lib/ws/console-route");

let hostId = "";
const guest = `vd-it-acct-${suffix()}`;

beforeAll(async () => {
  hostId = await startLabHost();
  await defineXml(lab.LAB_URI, await guestXml(lab, guest));
});
afterAll(async () => {
  await removeDomain(lab.LAB_URI, guest);
  await manager.stopAll();
  await closeDb();
});

async function code(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => "ok",
    (e: { code?: string }) => e.code ?? String(e),
  );
}

describe("accounts", () => {
  it("a user created without a password gets a one-time one, and must change it", async () => {
    const made = await invoke(createUserOp, { user: admin }, { username: "fresh" });
    expect(made.oneTimePassword).toMatch(/^[A-Za-z0-9]{20}$/);
    const signedIn = await signIn(
      { username: "fresh", password: made.oneTimePassword! },
      { address: "127.0.0.9", userAgent: null },
    );
    expect(signedIn.ok && signedIn.user.mustChangePassword).toBe(true);
  });

  it("disabling a user ends their sessions and revokes their tokens and the tokens' grants", async () => {
    const carol = await createActor("carol", [{ path: "/", role: "Auditor" }]);
    const { token: cookie } = await createSession(carol.userId, "test");
    const { token, summary } = await createApiToken(carol.userId, {
      name: "ci",
      expiresAt: null,
      privsep: true,
    });
    await grant({
      path: "/",
      subjectType: "token",
      subjectId: summary.id,
      role: "VMUser",
      propagate: true,
    });
    expect(await resolveSession(cookie)).not.toBeNull();
    expect(await resolveApiToken(token)).not.toBeNull();

    await invoke(updateUserOp, { user: admin }, { id: carol.userId, disabled: true });
    expect(await resolveSession(cookie)).toBeNull();
    expect(await resolveApiToken(token)).toBeNull();
    expect(
      await db.aclEntry.count({ where: { subjectType: "token", subjectId: summary.id } }),
    ).toBe(0);
    expect(
      await signIn(
        { username: "carol", password: "a-long-test-password" },
        { address: "127.0.0.9", userAgent: null },
      ),
    ).toMatchObject({ ok: false, reason: "Wrong username or password" });
    const row = await db.auditEvent.findFirstOrThrow({ orderBy: { at: "desc" } });
    expect(row).toMatchObject({ action: "user.disable", target: "carol", outcome: "ok" });
  });

  it("deleting a user takes their grants; nobody deletes or disables themselves", async () => {
    const dave = await createActor("dave", [{ path: `/hosts/${hostId}`, role: "Operator" }]);
    await invoke(deleteUserOp, { user: admin }, { id: dave.userId });
    expect(await db.aclEntry.count({ where: { subjectId: dave.userId } })).toBe(0);
    expect(await code(invoke(deleteUserOp, { user: admin }, { id: admin.userId }))).toBe(
      "conflict",
    );
    expect(
      await code(invoke(updateUserOp, { user: admin }, { id: admin.userId, disabled: true })),
    ).toBe("conflict");
  });

  it("refuses to take away the last user who can change permissions on /", async () => {
    // A user manager (User.Modify) who cannot change permissions tries to disable the admin.
    await db.role.create({ data: { name: "UserManager", privileges: "User.Modify" } });
    const manager = await createActor("erin", [{ path: "/", role: "UserManager" }]);
    const refused = invoke(updateUserOp, { user: manager }, { id: admin.userId, disabled: true });
    await expect(refused).rejects.toThrow(/nobody who can change permissions on \//);
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.userId } })).disabled).toBe(false);
  });

  it("an expired token is refused; a privilege-separated one holds the intersection", async () => {
    const frank = await createActor("frank", [{ path: `/hosts/${hostId}`, role: "Operator" }]);
    const old = await createApiToken(frank.userId, {
      name: "old",
      expiresAt: new Date(Date.now() - 1000),
      privsep: false,
    });
    expect(await resolveApiToken(old.token)).toBeNull();
    const sep = await createApiToken(frank.userId, { name: "sep", expiresAt: null, privsep: true });
    await grant({
      path: "/",
      subjectType: "token",
      subjectId: sep.summary.id,
      role: "VMUser",
      propagate: true,
    });
    const caller = (await resolveApiToken(sep.token)) as SessionUser;
    const access = await accessFor(caller);
    const host = { kind: "host" as const, hostId };
    expect(access.can("Host.Audit", host)).toBe(false); // frank has it, the token's VMUser not
    const vm = { kind: "vm" as const, hostId, uuid: "11111111-1111-4111-8111-111111111111" };
    expect(access.can("VM.PowerMgmt", vm)).toBe(true);
    expect(access.can("VM.Allocate", vm)).toBe(false);
  });

  it("a password change revokes the account's tokens when asked", async () => {
    const gina = await createActor("gina", []);
    const t = await createApiToken(gina.userId, { name: "ci", expiresAt: null, privsep: false });
    const done = await invoke(
      changePasswordOp,
      { user: gina },
      {
        currentPassword: "a-long-test-password",
        newPassword: "another-long-password",
        confirmPassword: "another-long-password",
        revokeTokens: true,
      },
    );
    expect(done.revokedTokens).toBe(1);
    expect(await resolveApiToken(t.token)).toBeNull();
  });
});

describe("console tickets", () => {
  it("are refused at redeem when the grant was revoked after they were issued", async () => {
    const vm = await waitFor(
      "the guest in the inventory",
      () => db.vm.findFirst({ where: { name: guest } }).then((v) => v ?? undefined),
      20_000,
    );
    // The ticket check does not look at the VM's state at redeem: issue it as if it ran.
    await db.vm.update({ where: { id: vm.id }, data: { state: "running" } });
    const hana = await createActor("hana", []);
    const { granted } = await invoke(
      grantOp,
      { user: admin },
      { path: `/hosts/${hostId}`, subjectType: "user", subjectId: hana.userId, role: "VMUser" },
    );
    expect(granted.role).toBe("VMUser");
    const caller = { ...hana, sessionId: "token:none", tokenId: null };
    const issue = () => issueConsoleTicket(caller, vm.id, "serial");
    const request = (ticket: string) =>
      ({ url: `/ws/consoles/${vm.id}/serial?ticket=${ticket}`, headers: {} }) as IncomingMessage;
    const params = { vmId: vm.id, type: "serial" };

    const first = await issue();
    expect(await consoleRoute.authorize(request(first.ticket), params)).toMatchObject({
      vmId: vm.id,
    });

    const second = await issue();
    const entry = await db.aclEntry.findFirstOrThrow({ where: { subjectId: hana.userId } });
    await invoke(revokeOp, { user: admin }, { id: entry.id });
    expect(await consoleRoute.authorize(request(second.ticket), params)).toMatchObject({
      refuse: 403,
    });
  });
});
