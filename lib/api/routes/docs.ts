// The API's own description: open to everyone, as Proxmox's API viewer is.
import { z } from "zod";
import { operation } from "@/lib/access/operation";
import type { RouteSpec } from "../route";

export const openApiOp = operation({
  name: "api.openapi",
  summary: "This API as an OpenAPI 3.1 document, generated from the routes' own schemas",
  input: z.object({}),
  access: { open: "public" },
  audit: false,
  // Imported when asked: the document is built from the route table, which includes this route.
  run: async () => (await import("../openapi")).openApiDocument(),
});

export const docRoutes = {
  "GET /api/v1/openapi.json": { operation: openApiOp },
} satisfies Record<string, RouteSpec>;
