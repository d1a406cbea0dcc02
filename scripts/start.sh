#!/usr/bin/env bash
# `npm start`: builds when the sources changed since the last build, then serves Virtdeck.
# The server applies database migrations itself at start.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

bash scripts/ensure-deps.sh
stale=$(find app components lib prisma public proxy.ts next.config.ts package-lock.json \
  -newer .next/BUILD_ID -not -path 'lib/generated/*' -print -quit 2>/dev/null || echo missing)
if [ ! -f .next/BUILD_ID ] || [ ! -d lib/generated/prisma ] || [ -n "$stale" ]; then
  npm run build
fi
NODE_ENV=production exec node --import tsx server.ts
