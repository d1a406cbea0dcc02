// The OpenAPI document is generated from the route table and the routes' own zod schemas: it
// must describe every route file the server serves, name each route's privilege, and be a
// valid OpenAPI 3.1 document (checked with @readme/openapi-parser, an independent validator).
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { validate } from "@readme/openapi-parser";
import { describe, expect, it } from "vitest";

process.env.VIRTDECK_DATA_DIR = mkdtempSync(path.join(tmpdir(), "virtdeck-openapi-"));
delete process.env.DATABASE_URL;
const { openApiDocument } = await import("@/lib/api/openapi");

const root = path.resolve(import.meta.dirname, "../../..");

/** "METHOD /…" of every handler exported by a route file under app/api, of the probes and of the scrape. */
function servedRoutes(): string[] {
  return ["app/api", "app/healthz", "app/readyz", "app/metrics"]
    .flatMap((dir) => readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile() && e.name === "route.ts")
    .flatMap((e) => {
      const file = path.join(e.parentPath, e.name);
      const url = path
        .dirname(path.relative(path.join(root, "app"), file))
        .replace(/\[(\w+)\]/g, "{$1}");
      return [
        ...readFileSync(file, "utf8").matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g),
      ].map((m) => `${m[1]} /${url}`);
    });
}

describe("the OpenAPI document", () => {
  const doc = openApiDocument();
  const documented = Object.entries(doc.paths).flatMap(([p, ops]) =>
    Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
  );

  it("describes every route the server serves, and nothing else", () => {
    const served = servedRoutes();
    expect(served.length).toBeGreaterThan(90);
    expect(served.filter((r) => !documented.includes(r))).toEqual([]);
    expect(documented.filter((r) => !served.includes(r))).toEqual([]);
  });

  it("names the privilege of every route and what its input is", () => {
    for (const [p, ops] of Object.entries(doc.paths))
      for (const [m, op] of Object.entries(
        ops as Record<string, { description: string; parameters: { name: string }[] }>,
      )) {
        expect(op.description, `${m} ${p}`).toMatch(/^Requires: /);
        const inPath = [...p.matchAll(/\{(\w+)\}/g)].map((x) => x[1]);
        expect(
          op.parameters.map((x) => x.name),
          `${m} ${p}`,
        ).toEqual(expect.arrayContaining(inPath));
      }
    const create = doc.paths["/api/v1/vms"]!.post as {
      requestBody: { content: Record<string, { schema: { properties: Record<string, unknown> } }> };
    };
    expect(Object.keys(create.requestBody.content["application/json"]!.schema.properties)).toEqual(
      expect.arrayContaining(["hostId", "name", "vcpus", "memoryMib", "source"]),
    );
  });

  it("is valid OpenAPI 3.1", async () => {
    const result = await validate(structuredClone(doc) as never);
    const problems = result.valid ? [] : result.errors;
    expect(problems, JSON.stringify(problems, null, 1).slice(0, 2000)).toEqual([]);
  });
});
