// What permission checks cost, in one run against the same server and fleet:
//  - GET /api/v1/vms for a user whose 50 grants (Operator on each host, VMUser on 47 single VMs)
//    show them every VM, against the administrator (one grant on /), requests interleaved;
//  - live events to 50 open /ws/events sockets of that user, each message checked against the
//    socket's permissions, against 50 sockets of the administrator: label changes made through
//    the API, timed from the request to the last socket holding the message.
import WebSocket from "ws";
import { ApiClient } from "./api";
import { msSince, type Summary, summarize } from "./stats";

export interface PermissionFigures {
  grants: number;
  visible: number;
  admin: Summary;
  user: Summary;
  socketsAdmin: Summary;
  socketsUser: Summary;
  sockets: number;
  changes: number;
}

interface VmRow {
  id: string;
  hostId: string;
  uuid: string;
}

const PASSWORD = "bench-user-password-1";

async function openSockets(baseUrl: string, cookie: string, n: number): Promise<WebSocket[]> {
  const url = `${baseUrl.replace(/^http/, "ws")}/ws/events`;
  return Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<WebSocket>((resolve, reject) => {
          const ws = new WebSocket(url, { headers: { cookie, origin: baseUrl } });
          ws.once("message", () => resolve(ws)); // the hello
          ws.once("error", reject);
        }),
    ),
  );
}

/** Makes `changes` label edits and times each from its request to its arrival on every socket. */
async function fanOut(
  api: ApiClient,
  sockets: WebSocket[],
  vms: VmRow[],
  changes: number,
  tag: string,
) {
  const times: number[] = [];
  for (let i = 0; i < changes; i++) {
    const vm = vms[(i * 37) % vms.length]!;
    const notes = `${tag}-${i}`;
    const arrived = sockets.map(
      (ws) =>
        new Promise<void>((resolve) => {
          const on = (data: WebSocket.RawData) => {
            const m = JSON.parse(String(data)) as {
              type: string;
              vm?: { id: string; notes: string };
            };
            if (m.type === "vm" && m.vm?.id === vm.id && m.vm.notes === notes) {
              ws.off("message", on);
              resolve();
            }
          };
          ws.on("message", on);
        }),
    );
    const t = process.hrtime.bigint();
    await api.json("PUT", `/api/v1/vms/${vm.id}/labels`, { tags: [], notes });
    await Promise.all(arrived);
    times.push(msSince(t));
  }
  return summarize(times);
}

export async function measurePermissions(
  admin: ApiClient,
  opts: { runs: number; sockets: number; changes: number },
): Promise<PermissionFigures> {
  const { vms } = await admin.json<{ vms: VmRow[] }>("GET", "/api/v1/vms");
  const hosts = [...new Set(vms.map((v) => v.hostId))];
  const { user } = await admin.json<{ user: { id: string } }>("POST", "/api/v1/users", {
    username: "bench-user",
    password: PASSWORD,
    mustChangePassword: false,
  });
  const grants = [
    ...hosts.map((h) => ({ path: `/hosts/${h}`, role: "Operator" })),
    ...vms
      .slice(0, 50 - hosts.length)
      .map((v) => ({ path: `/hosts/${v.hostId}/vms/${v.uuid}`, role: "VMUser" })),
  ];
  for (const g of grants)
    await admin.json("POST", "/api/v1/acl", { ...g, subjectType: "user", subjectId: user.id });
  const member = new ApiClient(admin.baseUrl);
  await member.json("POST", "/api/v1/auth/login", { username: "bench-user", password: PASSWORD });
  const seen = (await member.json<{ vms: VmRow[] }>("GET", "/api/v1/vms")).vms.length;
  if (seen !== vms.length) throw new Error(`the user sees ${seen} of ${vms.length} VMs`);

  for (let i = 0; i < 5; i++) {
    await admin.request("GET", "/api/v1/vms");
    await member.request("GET", "/api/v1/vms");
  }
  const a: number[] = [];
  const u: number[] = [];
  for (let i = 0; i < opts.runs; i++)
    for (const [client, out] of [
      [admin, a],
      [member, u],
    ] as const) {
      const t = process.hrtime.bigint();
      const res = await client.request("GET", "/api/v1/vms");
      out.push(msSince(t));
      if (res.status !== 200) throw new Error(`GET /api/v1/vms: ${res.status}`);
    }

  const adminSockets = await openSockets(admin.baseUrl, admin.cookie, opts.sockets);
  const socketsAdmin = await fanOut(admin, adminSockets, vms, opts.changes, "a");
  for (const ws of adminSockets) ws.close();
  const userSockets = await openSockets(member.baseUrl, member.cookie, opts.sockets);
  const socketsUser = await fanOut(admin, userSockets, vms, opts.changes, "u");
  for (const ws of userSockets) ws.close();
  member.close();
  return {
    grants: grants.length,
    visible: seen,
    admin: summarize(a),
    user: summarize(u),
    socketsAdmin,
    socketsUser,
    sockets: opts.sockets,
    changes: opts.changes,
  };
}
