// Prisma CLI configuration: the WebAssembly schema engine with the better-sqlite3 adapter, so
// `prisma generate` and `prisma migrate deploy` never download a native engine.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";
import { env } from "./lib/env";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter: async () => new PrismaBetterSQLite3({ url: env.DATABASE_URL }),
});
