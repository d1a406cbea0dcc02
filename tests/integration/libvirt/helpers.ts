/** Shared helpers for the lib/libvirt integration tests. */
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { type Connection, connect } from "@/lib/libvirt";

/** Absolute path of a fixture in tests/fixtures/libvirt/. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/libvirt/${name}`, import.meta.url));
}

/** A test-driver URI over the daemon's UNIX socket: fresh private state per connection. */
export function testDriverUri(name = "node.xml"): string {
  return `test+unix://${fixture(name)}`;
}

/** A unique name for objects this test creates on the shared lab daemon. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}

/** Opens a connection for the duration of `fn`, always closing it. */
export async function withConnection<T>(
  uri: string,
  fn: (c: Connection) => Promise<T>,
): Promise<T> {
  const c = await connect(uri);
  try {
    return await fn(c);
  } finally {
    await c.close();
  }
}

/** Collects values until `predicate` holds for the collection, or rejects after `ms`. */
export function collectUntil<T>(
  subscribe: (push: (v: T) => void) => void,
  predicate: (all: T[]) => boolean,
  ms: number,
): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const all: T[] = [];
    const timer = setTimeout(() => reject(new Error(`timed out; got ${JSON.stringify(all)}`)), ms);
    subscribe((v) => {
      all.push(v);
      if (predicate(all)) {
        clearTimeout(timer);
        resolve(all);
      }
    });
  });
}
