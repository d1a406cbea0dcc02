// The hosts API with a bearer token: list, create (connection-tested), get, delete; and
// refusals: no token, a bad URI, an unreachable host, a host key that does not match.
import { request as apiRequest, expect, test } from "@playwright/test";
import { labEnv } from "../tests/integration/support/lab-env";
import { mintToken } from "./support/api-token";
import { E2E_BASE_URL } from "./support/constants";

const lab = labEnv();
const suffix = Date.now().toString(36);
let token = "";

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  token = (await mintToken(`hosts ${suffix}`)).token;
});

const api = () =>
  apiRequest.newContext({
    baseURL: E2E_BASE_URL,
    extraHTTPHeaders: { authorization: `Bearer ${token}` },
  });

test("refuses requests without a valid token", async () => {
  const anon = await apiRequest.newContext({ baseURL: E2E_BASE_URL });
  const res = await anon.get("/api/v1/hosts");
  expect(res.status()).toBe(401);
  expect(await res.json()).toHaveProperty("error");
  const bad = await anon.get("/api/v1/hosts", { headers: { authorization: "Bearer vdk_nope" } });
  expect(bad.status()).toBe(401);
  const post = await anon.post("/api/v1/hosts", { data: { name: "x", uri: lab.LAB_URI } });
  expect(post.status()).toBe(401);
});

test("creates, lists, gets and deletes a host", async () => {
  expect(token).toMatch(/^vdk_/);
  const client = await api();
  const name = `api-${suffix}`;
  const created = await client.post("/api/v1/hosts", { data: { name, uri: lab.LAB_URI } });
  expect(created.status(), await created.text()).toBe(201);
  const body = (await created.json()) as { host: { id: string }; reached: { hostname: string } };
  expect(body.reached.hostname).toBe(lab.LAB_HOST1_NAME);
  const id = body.host.id;

  const list = (await (await client.get("/api/v1/hosts")).json()) as { hosts: { id: string }[] };
  expect(list.hosts.map((h) => h.id)).toContain(id);
  await expect
    .poll(async () => (await (await client.get(`/api/v1/hosts/${id}`)).json()).host.status, {
      timeout: 20_000,
    })
    .toBe("online");
  const got = (await (await client.get(`/api/v1/hosts/${id}`)).json()).host;
  expect(got.facts.hostname).toBe(lab.LAB_HOST1_NAME);
  expect(got.history.length).toBeGreaterThan(0);

  const dup = await client.post("/api/v1/hosts", { data: { name, uri: lab.LAB_URI } });
  expect(dup.status()).toBe(409);
  expect((await client.delete(`/api/v1/hosts/${id}`)).status()).toBe(200);
  expect((await client.get(`/api/v1/hosts/${id}`)).status()).toBe(404);
});

test("a bad URI, an unreachable host and a wrong host key are refused and save nothing", async () => {
  const client = await api();
  const before = ((await (await client.get("/api/v1/hosts")).json()) as { hosts: unknown[] }).hosts;
  const bad = await client.post("/api/v1/hosts", { data: { name: "bad", uri: "qemu:///sytem" } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toContain("A qemu URI ends in /system");

  const dead = await client.post("/api/v1/hosts", {
    data: { name: "dead", uri: "qemu+tcp://127.0.0.1:1/system" },
  });
  expect(dead.status()).toBe(502);
  expect((await dead.json()).error).toContain("connection refused at 127.0.0.1:1");

  const uri = lab.LAB_HOST2_SSH_URI; // with ?keyfile= (a key file on this machine)
  const probe = await client.post("/api/v1/hosts/test", { data: { uri } });
  expect(probe.status(), await probe.text()).toBe(200);
  const offered = (await probe.json()).reached.hostKey as { openssh: string; fingerprint: string };
  const other = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
  const mismatch = await client.post("/api/v1/hosts", {
    data: { name: "mitm", uri, sshHostKey: other },
  });
  expect(mismatch.status()).toBe(502);
  expect((await mismatch.json()).error).toContain(`host key mismatch`);
  expect((await mismatch.json()).error).toContain(offered.fingerprint);

  const after = ((await (await client.get("/api/v1/hosts")).json()) as { hosts: unknown[] }).hosts;
  expect(after).toHaveLength(before.length);

  const ok = await client.post("/api/v1/hosts", {
    data: { name: `ssh-api-${suffix}`, uri, sshHostKey: offered.openssh },
  });
  expect(ok.status(), await ok.text()).toBe(201);
  const id = ((await ok.json()) as { host: { id: string } }).host.id;
  expect((await client.delete(`/api/v1/hosts/${id}`)).status()).toBe(200);
});
