// The OpenAPI 3.1 document of /api/v1, generated from the route table and the zod schemas the
// routes validate with: path parameters, query parameters and the JSON body are the operation's
// input fields, split by where each route reads them. Nothing here is written by hand per route.
import { z } from "zod";
import { describeAccess } from "@/lib/access/operation";
import type { RouteSpec } from "./route";
import { API_ROUTES } from "./routes";

type JsonSchema = Record<string, unknown> & {
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
};

function inputSchema(spec: RouteSpec): JsonSchema {
  return z.toJSONSchema(spec.operation.input, {
    io: "input",
    unrepresentable: "any",
    target: "draft-2020-12",
  }) as JsonSchema;
}

/** The schema of one input field, looked up in the object (or in the first variant having it). */
function field(schema: JsonSchema, name: string): JsonSchema | undefined {
  if (schema.properties?.[name]) return schema.properties[name];
  for (const v of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) {
    const found = field(v, name);
    if (found) return found;
  }
  return undefined;
}

/** The input without the fields read from the path and the query string: the JSON body. */
function withoutFields(schema: JsonSchema, names: Set<string>): JsonSchema {
  const out: JsonSchema = { ...schema };
  delete out.$schema;
  if (schema.properties)
    out.properties = Object.fromEntries(
      Object.entries(schema.properties).filter(([k]) => !names.has(k)),
    );
  if (schema.required) out.required = schema.required.filter((k) => !names.has(k));
  for (const key of ["anyOf", "oneOf"] as const)
    if (schema[key]) out[key] = schema[key]!.map((v) => withoutFields(v, names));
  return out;
}

function hasBodyFields(schema: JsonSchema): boolean {
  if (schema.properties && Object.keys(schema.properties).length > 0) return true;
  return [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].some(hasBodyFields);
}

const ERRORS: Record<string, string> = {
  "400": "Invalid input: `{error, fields}` names the field",
  "401": "Not signed in (no valid session or API token)",
  "403": "Permission denied, or the one-time password is not changed yet",
  "404": "No such object (or one you may not see)",
  "409": "Conflicts with the object's state, in libvirt's words",
  "502": "The host or libvirt refused or did not answer (libvirt's own message)",
};

const errorSchema = {
  type: "object",
  properties: {
    error: { type: "string" },
    fields: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
  },
  required: ["error"],
};

function operationOf(method: string, path: string, spec: RouteSpec) {
  const op = spec.operation;
  const schema = inputSchema(spec);
  const pathNames = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const queryNames = [...(spec.query ?? [])];
  const rename = (p: string) => spec.params?.[p] ?? p;
  const parameters = [
    ...pathNames.map((p) => ({
      name: p,
      in: "path",
      required: true,
      schema: field(schema, rename(p)) ?? { type: "string" },
    })),
    ...queryNames.map((q) => ({
      name: q,
      in: "query",
      required: false,
      schema: field(schema, q) ?? { type: "string" },
    })),
  ];
  const taken = new Set([...pathNames.map(rename), ...queryNames]);
  const bodyKind = spec.body ?? (method === "GET" ? "none" : "json");
  const body = withoutFields(schema, taken);
  const requestBody =
    bodyKind === "stream"
      ? {
          required: true,
          content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } },
        }
      : bodyKind === "json" && hasBodyFields(body)
        ? { required: true, content: { "application/json": { schema: body } } }
        : undefined;
  const tag = path.split("/")[3] ?? "api";
  return {
    operationId: op.name,
    summary: op.summary,
    description: `Requires: ${describeAccess(op.access as never)}.${op.audit ? " Audited." : ""}`,
    tags: [tag],
    "x-virtdeck-privilege":
      "privilege" in op.access ? describeAccess(op.access as never) : op.access,
    parameters,
    ...(requestBody ? { requestBody } : {}),
    responses: {
      [String(spec.status ?? 200)]: {
        description: spec.status === 202 ? "Started: {task}, followed at its Location" : "Done",
      },
      ...(spec.mayStartTask
        ? { "202": { description: "Started a task: {task}, followed at its Location" } }
        : {}),
      ...Object.fromEntries(
        Object.entries(ERRORS).map(([code, description]) => [
          code,
          { description, content: { "application/json": { schema: errorSchema } } },
        ]),
      ),
    },
  };
}

export function openApiDocument(routes: Record<string, RouteSpec> = API_ROUTES) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [key, spec] of Object.entries(routes)) {
    const [method, path] = key.split(" ") as [string, string];
    const ops = paths[path] ?? {};
    ops[method.toLowerCase()] = operationOf(method, path, spec);
    paths[path] = ops;
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Virtdeck API",
      version: "1",
      description:
        "Virtdeck's JSON API. Authenticate with `Authorization: Bearer vdk_…` (an API token) or the session cookie; every route checks the privilege it names on the object it names.",
    },
    components: {
      securitySchemes: {
        token: { type: "http", scheme: "bearer" },
        session: { type: "apiKey", in: "cookie", name: "virtdeck_session" },
      },
    },
    security: [{ token: [] }, { session: [] }],
    paths,
  };
}
