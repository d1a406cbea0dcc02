// The lab's two hosts added to Virtdeck for migrations, as an operator would through the API:
// host 1 by its local URI, host 2 over SSH (its host key taken from a test connection), host 2's
// daemon as the peer-to-peer target (it listens on TCP) and each host's migration data address.
import { type APIRequestContext, expect } from "@playwright/test";
import { labEnv } from "../../tests/integration/support/lab-env";
import { SAME_ORIGIN } from "./constants";

export async function addMigrationHosts(
  api: APIRequestContext,
  names: { h1: string; h2: string },
): Promise<{ h1: string; h2: string }> {
  const lab = labEnv();
  const add = async (name: string, uri: string, sshHostKey?: string) => {
    const r = await api.post("/api/v1/hosts", {
      headers: SAME_ORIGIN,
      data: { name, uri, sshHostKey },
    });
    expect(r.status(), await r.text()).toBe(201);
    return ((await r.json()) as { host: { id: string } }).host.id;
  };
  const h1 = await add(names.h1, lab.LAB_URI);
  const probe = await api.post("/api/v1/hosts/test", {
    headers: SAME_ORIGIN,
    data: { uri: lab.LAB_HOST2_SSH_URI },
  });
  const offered = (await probe.json()).reached.hostKey as { openssh: string };
  const h2 = await add(names.h2, lab.LAB_HOST2_SSH_URI, offered.openssh);
  // Host 2's daemon listens on TCP: host 1's daemon migrates there peer to peer. Host 1's does
  // not listen, so the way back is driven through Virtdeck's own two connections.
  const settings = async (id: string, data: object) => {
    const r = await api.put(`/api/v1/hosts/${id}/migration`, { headers: SAME_ORIGIN, data });
    expect(r.status(), await r.text()).toBe(200);
  };
  await settings(h2, {
    migrationUri: lab.LAB_HOST2_TCP_URI,
    migrationAddress: lab.LAB_HOST2_MIGRATE_URI,
  });
  await settings(h1, { migrationAddress: `tcp://${lab.LAB_HOST1_ADDR}` });
  return { h1, h2 };
}
