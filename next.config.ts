import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // A separate build folder lets several people build and run e2e side by side on one machine.
  distDir: process.env.VIRTDECK_NEXT_DIR || ".next",
  // Native or Node-only packages stay outside the bundle and load from node_modules at run time.
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@node-rs/argon2",
    "ssh2",
    "ws",
  ],
  poweredByHeader: false,
  // `npm test` type-checks the whole project (tsc) before it builds; no need to do it twice.
  typescript: { ignoreBuildErrors: true },
  typedRoutes: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
