/**
 * TCP and TLS against the lab's host 2 (libvirtd -l, 10.250.0.2:16509 without auth and :16514
 * with the lab's CA): calls, events and failures, with `virsh -c` the same URI as the oracle.
 * A second CA made here with openssl gives the refusals: a server we do not trust, and a
 * client certificate the daemon does not accept (it closes without its 0x01 byte).
 */
import { execFile } from "node:child_process";
import { copyFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Connection,
  ConnectionError,
  type ConnectOptions,
  connect,
  type DomainLifecycleEvent,
} from "@/lib/libvirt";
import { labEnv } from "../support/lab-env";
import { defineXml, guestXml, virsh } from "../support/virsh";
import { collectUntil, uniqueName } from "./helpers";

const lab = labEnv();
const LOCAL_URI = lab.LAB_HOST2_URI; // host 2's own socket: the side door for setup
const TCP_URI = lab.LAB_HOST2_TCP_URI;
const TLS_URI = lab.LAB_HOST2_TLS_URI;
const PKI = lab.LAB_TLS_PKIPATH;
const tls = {
  caFile: lab.LAB_TLS_CA,
  certFile: lab.LAB_TLS_CLIENT_CERT,
  keyFile: lab.LAB_TLS_CLIENT_KEY,
};
const withPki = (uri: string, dir = PKI, extra = "") => `${uri}?pkipath=${dir}${extra}`;
const sh = promisify(execFile);
const dir = await mkdtemp(path.join(tmpdir(), "virtdeck-tls-"));

/** Another CA and a client certificate from it; pkipath dirs for the refusal cases. */
async function makeStrangerPki(): Promise<{ wrongCa: string; foreignClient: string }> {
  const o = path.join(dir, "other");
  await sh("mkdir", ["-p", o]);
  const ossl = (...args: string[]) => sh("openssl", args, { cwd: o });
  await ossl(
    "req",
    "-x509",
    "-new",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    "cakey.pem",
    "-out",
    "cacert.pem",
    "-days",
    "2",
    "-subj",
    "/O=elsewhere/CN=a CA the lab does not know",
    "-addext",
    "basicConstraints = critical, CA:TRUE",
    "-addext",
    "keyUsage = critical, keyCertSign, cRLSign",
  );
  await writeFile(
    path.join(o, "ext"),
    "basicConstraints = critical, CA:FALSE\nkeyUsage = critical, digitalSignature, keyEncipherment\nextendedKeyUsage = clientAuth\n",
  );
  await ossl(
    "req",
    "-new",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    "clientkey.pem",
    "-subj",
    "/O=elsewhere/CN=stranger",
    "-out",
    "client.csr",
  );
  await ossl(
    "x509",
    "-req",
    "-in",
    "client.csr",
    "-CA",
    "cacert.pem",
    "-CAkey",
    "cakey.pem",
    "-days",
    "2",
    "-extfile",
    "ext",
    "-out",
    "clientcert.pem",
  );
  // Wrong CA: the stranger's CA and cert (virsh first checks its own cert against its CA).
  const wrongCa = path.join(dir, "wrong-ca");
  await sh("mkdir", ["-p", wrongCa]);
  for (const f of ["cacert.pem", "clientcert.pem", "clientkey.pem"]) {
    await copyFile(path.join(o, f), path.join(wrongCa, f));
  }
  // Foreign client: trusts the lab's CA (and the stranger's, so virsh's own check passes),
  // but presents a certificate the daemon's CA did not sign.
  const foreignClient = path.join(dir, "foreign-client");
  await sh("mkdir", ["-p", foreignClient]);
  await sh("sh", [
    "-c",
    'cat "$1" "$2" > "$3"',
    "sh",
    lab.LAB_TLS_CA,
    path.join(o, "cacert.pem"),
    path.join(foreignClient, "cacert.pem"),
  ]);
  for (const f of ["clientcert.pem", "clientkey.pem"]) {
    await copyFile(path.join(o, f), path.join(foreignClient, f));
  }
  return { wrongCa, foreignClient };
}

/** virsh's failure text for a URI (it must fail). */
async function virshError(uri: string, ...args: string[]): Promise<string> {
  const err = await virsh(uri, ...args).then(
    (out) => new Error(`virsh unexpectedly succeeded: ${out}`),
    (e: Error) => e,
  );
  return err.message;
}

/** The error connect() fails with, and how long it took. */
async function failure(uri: string, opts: ConnectOptions): Promise<{ err: Error; ms: number }> {
  const t0 = Date.now();
  const err = await connect(uri, opts).then(
    async (c) => {
      await c.close();
      return new Error("connected unexpectedly");
    },
    (e: Error) => e,
  );
  return { err, ms: Date.now() - t0 };
}

async function domainNames(uri: string): Promise<string[]> {
  return (await virsh(uri, "list", "--all", "--name")).split("\n").filter(Boolean).sort();
}

/** Checks one open connection against virsh on the same URI, then its lifecycle events. */
async function checkAgainstVirsh(c: Connection, virshUri: string): Promise<void> {
  expect(await c.host.hostname()).toBe(await virsh(virshUri, "hostname"));
  expect(await c.host.hostname()).toBe(lab.LAB_HOST2_NAME);
  expect((await c.host.capabilities()).includes(lab.LAB_HOST2_UUID)).toBe(true);

  const name = uniqueName("vd-lv-net");
  let push: (e: DomainLifecycleEvent) => void = () => {};
  const sub = await c.events.subscribe("domain-lifecycle", (e) => push(e));
  try {
    const seen = collectUntil<DomainLifecycleEvent>(
      (p) => {
        push = p;
      },
      (all) => all.some((e) => e.dom.name === name && e.event === "undefined"),
      30_000,
    );
    await defineXml(LOCAL_URI, await guestXml(lab, name));
    const ours = (await c.domains.list()).map((d) => d.name).sort();
    expect(ours).toContain(name);
    expect(ours).toEqual(await domainNames(virshUri));
    await virsh(LOCAL_URI, "undefine", name);
    const events = (await seen).filter((e) => e.dom.name === name);
    expect(events.map((e) => `${e.event}/${e.detail}`)).toEqual([
      "defined/added",
      "undefined/removed",
    ]);
  } finally {
    await sub.unsubscribe();
    await virsh(LOCAL_URI, "undefine", name).catch(() => undefined);
  }
}

let stranger: { wrongCa: string; foreignClient: string };

beforeAll(async () => {
  stranger = await makeStrangerPki();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("qemu+tcp to host 2", () => {
  it("makes calls and receives events like virsh -c the same URI", async () => {
    const c = await connect(TCP_URI);
    try {
      expect(c.uri.transport).toBe("tcp");
      expect(c.uri.port ?? 16509).toBe(16509);
      await checkAgainstVirsh(c, TCP_URI);
    } finally {
      await c.close();
    }
  });

  it("is refused at once on a port nobody listens on", async () => {
    const uri = `qemu+tcp://${lab.LAB_HOST2_ADDR}:16599/system`;
    const { err, ms } = await failure(uri, { timeout: 5_000 });
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err).toMatchObject({ kind: "dial" });
    expect(err.message).toMatch(/10\.250\.0\.2:16599.*ECONNREFUSED/);
    expect(ms).toBeLessThan(1_000);
    expect(await virshError(uri, "hostname")).toMatch(/Connection refused/);
  });
});

describe("qemu+tls to host 2", () => {
  it("connects with ConnectOptions.tls paths, reads the 0x01 byte, calls and gets events", async () => {
    const c = await connect(TLS_URI, { tls });
    try {
      expect(c.uri.transport).toBe("tls");
      await checkAgainstVirsh(c, withPki(TLS_URI));
    } finally {
      await c.close();
    }
  });

  it("connects with ?pkipath= (libvirt's file layout), by name and by IP address", async () => {
    for (const uri of [TLS_URI, `qemu+tls://${lab.LAB_HOST2_ADDR}/system`]) {
      const c = await connect(withPki(uri));
      try {
        expect(await c.host.hostname()).toBe(await virsh(withPki(uri), "hostname"));
        const ours = (await c.domains.list()).map((d) => d.name).sort();
        expect(ours).toEqual(await domainNames(withPki(uri)));
      } finally {
        await c.close();
      }
    }
  });

  it("refuses a server its CA did not sign, clearly and at once", async () => {
    const { err, ms } = await failure(withPki(TLS_URI, stranger.wrongCa), { timeout: 5_000 });
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err).toMatchObject({ kind: "dial" });
    expect(err.message).toMatch(/libvirtd \(TLS\) at virtdeck-lab2:16514/);
    expect(err.message).toMatch(/certificate/i);
    expect(ms).toBeLessThan(2_000);
    // The oracle refuses the same server.
    expect(await virshError(withPki(TLS_URI, stranger.wrongCa), "hostname")).toMatch(
      /Failed to verify peer's certificate/,
    );
  });

  it("reports a client certificate the daemon rejects (no 0x01 byte) at once", async () => {
    const uri = withPki(TLS_URI, stranger.foreignClient);
    const { err, ms } = await failure(uri, { timeout: 5_000 });
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err).toMatchObject({ kind: "dial" });
    expect(err.message).toMatch(/refused this client.s certificate/);
    expect(ms).toBeLessThan(2_000);
    // virsh: "Unable to read TLS confirmation: Input/output error" (the daemon hung up).
    expect(await virshError(uri, "hostname")).toMatch(/Unable to read TLS confirmation/);
  });

  it("skips the server check only with ?no_verify=1", async () => {
    // The stranger's CA with the lab's client cert: the daemon accepts us, we cannot verify it.
    const mixed = path.join(dir, "mixed");
    await sh("mkdir", ["-p", mixed]);
    await copyFile(path.join(stranger.wrongCa, "cacert.pem"), path.join(mixed, "cacert.pem"));
    await copyFile(lab.LAB_TLS_CLIENT_CERT, path.join(mixed, "clientcert.pem"));
    await copyFile(lab.LAB_TLS_CLIENT_KEY, path.join(mixed, "clientkey.pem"));
    const refused = await failure(withPki(TLS_URI, mixed), { timeout: 5_000 });
    expect(refused.err).toMatchObject({ kind: "dial" });
    const c = await connect(withPki(TLS_URI, mixed, "&no_verify=1"));
    try {
      expect(await c.host.hostname()).toBe(lab.LAB_HOST2_NAME);
    } finally {
      await c.close();
    }
  });
});
