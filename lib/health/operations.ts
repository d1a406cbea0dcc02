// Liveness and readiness for load balancers and service managers: open to everyone, unaudited
// (probes come every few seconds), answering nothing but what readiness.ts describes.
import { z } from "zod";
import { operation } from "@/lib/access/operation";
import { readiness } from "./readiness";

export const livenessOp = operation({
  name: "health.live",
  summary: "Whether the process is up: always 200 while it answers (for probes; no sign-in)",
  input: z.object({}),
  access: { open: "public" },
  audit: false,
  run: async () => ({ status: "ok" as const }),
});

export const readinessOp = operation({
  name: "health.ready",
  summary:
    "Whether it can serve: the database answers and has every migration (200, else 503), and how many hosts are online (no sign-in)",
  input: z.object({}),
  access: { open: "public" },
  audit: false,
  run: () => readiness(),
});
