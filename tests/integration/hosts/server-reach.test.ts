// Host settings that reach into the Virtdeck server (a key file, a socket, a test-driver file,
// the service account's own SSH keys) need Sys.Modify on /; and why a connection failed is told
// only to those who hold it. Against a real SQLite file and the lab's host 2.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../support/fresh-store";
import { labEnv } from "../support/lab-env";

const lab = labEnv();
const store = await freshStore("reach");
const { db } = store;

const { ConnectionManager, installConnectionManager } = await import(
  "@/lib/hosts/connection-manager"
);
const { addHostOp, testHostOp } = await import("@/lib/hosts/operations");
const { invoke } = await import("@/lib/access/invoke");
const { createRole } = await import("@/lib/access/roles");
const { createActor, createAdmin } = await import("../support/actors");

const manager = new ConnectionManager({ async onOnline() {}, onStatus() {} });
let admin: Awaited<ReturnType<typeof createAdmin>>;
let hostAdmin: Awaited<ReturnType<typeof createAdmin>>;

beforeAll(async () => {
  store.migrate();
  installConnectionManager(manager);
  admin = await createAdmin();
  await createRole({
    name: "HostAdmin",
    privileges: ["Host.Audit", "Host.Modify"],
    description: "",
  });
  hostAdmin = await createActor("hosts", [{ path: "/", role: "HostAdmin" }]);
});
afterAll(async () => {
  await manager.stopAll();
  await store.dispose();
});

async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  return p.then(
    () => ({ code: "ok", message: "" }),
    (e: { code: string; message: string }) => ({ code: e.code, message: e.message }),
  );
}

describe("host settings that reach into the server", () => {
  it("need Sys.Modify: a key file, a socket, a test-driver file, the server's own SSH keys", async () => {
    const cases: [string, RegExp][] = [
      [lab.LAB_HOST2_SSH_URI, /keyfile= reads an SSH key file/],
      [`qemu+unix:///system?socket=${lab.LAB_HOST2_SOCKET}`, /socket= dials a socket/],
      ["test:///root/fixture.xml", /opens \/root\/fixture.xml/],
      [lab.LAB_HOST2_SSH_URI.replace(/\?.*$/, ""), /signs in with the Virtdeck server's keys/],
      [`${lab.LAB_HOST2_TCP_URI}?no_verify=1`, /no_verify= turns off/],
    ];
    for (const [uri, why] of cases) {
      const r = await refusal(invoke(testHostOp, { user: hostAdmin }, { uri }));
      expect(r.code, uri).toBe("forbidden");
      expect(r.message, uri).toContain("needs Sys.Modify on everything (/)");
      expect(r.message, uri).toMatch(why);
      // An administrator may.
      expect(
        (await refusal(invoke(testHostOp, { user: admin }, { uri }))).message,
        uri,
      ).not.toContain("Sys.Modify");
    }
  });

  it("refuses to save such a host, audits the refusal and stores nothing", async () => {
    const r = await refusal(
      invoke(addHostOp, { user: hostAdmin }, { name: "reach", uri: lab.LAB_HOST2_SSH_URI }),
    );
    expect(r.code).toBe("forbidden");
    expect(await db.host.count({ where: { name: "reach" } })).toBe(0);
    const row = await db.auditEvent.findFirstOrThrow({ orderBy: { at: "desc" } });
    expect(row).toMatchObject({ action: "host.add", outcome: "refused", username: "hosts" });
  });

  it("tells why a connection failed only to Sys.Modify holders: no port scanner for others", async () => {
    const closedPort = lab.LAB_HOST2_TCP_URI.replace(lab.LAB_HOST2_ADDR, `${lab.LAB_HOST2_ADDR}:1`);
    const detailed = await refusal(invoke(testHostOp, { user: admin }, { uri: closedPort }));
    expect(detailed.message).toContain(`connection refused at ${lab.LAB_HOST2_ADDR}:1`);
    const generic = await refusal(invoke(testHostOp, { user: hostAdmin }, { uri: closedPort }));
    expect(generic.code).toBe("upstream");
    expect(generic.message).not.toMatch(/refused|timed out|no libvirt socket/);
    expect(generic.message).toContain("shown to administrators with Sys.Modify");
    // A plain URI the operator may use still connects for them.
    const reached = await invoke(testHostOp, { user: hostAdmin }, { uri: lab.LAB_HOST2_TCP_URI });
    expect(reached.reached.hostname).toBe(lab.LAB_HOST2_NAME);
  });
});
