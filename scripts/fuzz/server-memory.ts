// The server's memory after a full garbage collection, asked of the server itself through
// Node's inspector (DevTools protocol over a WebSocket on 127.0.0.1). Without the collection,
// RSS mostly shows how far V8 has let its heap grow (it grows lazily under load, to several
// hundred MiB), not how much is held: a leak shows in what survives a full collection.
import WebSocket from "ws";

export interface MemoryAfterGc {
  rssMiB: number;
  heapUsedMiB: number;
}

async function debuggerUrl(inspectPort: number): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${inspectPort}/json/list`);
  const targets = (await res.json()) as { webSocketDebuggerUrl: string }[];
  if (!targets[0]) throw new Error(`no inspector target on port ${inspectPort}`);
  return targets[0].webSocketDebuggerUrl;
}

/** Collects garbage in the server, then reads its process.memoryUsage(). */
export async function memoryAfterGc(inspectPort: number): Promise<MemoryAfterGc> {
  const ws = new WebSocket(await debuggerUrl(inspectPort));
  await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
  let id = 0;
  const call = (method: string, params: object = {}) =>
    new Promise<{ value?: string }>((resolve) => {
      const mine = ++id;
      const onMessage = (data: Buffer) => {
        const msg = JSON.parse(data.toString()) as {
          id?: number;
          result?: { result?: { value?: string } };
        };
        if (msg.id !== mine) return;
        ws.off("message", onMessage);
        resolve(msg.result?.result ?? {});
      };
      ws.on("message", onMessage);
      ws.send(JSON.stringify({ id: mine, method, params }));
    });
  try {
    await call("HeapProfiler.collectGarbage");
    const usage = await call("Runtime.evaluate", {
      expression: "JSON.stringify(process.memoryUsage())",
      returnByValue: true,
    });
    const m = JSON.parse(usage.value ?? "{}") as { rss: number; heapUsed: number };
    return { rssMiB: m.rss / 1048576, heapUsedMiB: m.heapUsed / 1048576 };
  } finally {
    ws.close();
  }
}
