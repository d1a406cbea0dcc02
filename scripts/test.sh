#!/usr/bin/env bash
# `npm test`: installs what the tests need, starts the KVM lab, and runs every suite inside the
# lab's network namespace (so guests' VNC ports and the second host are reachable, and no test
# traffic leaves loopback and the lab): type check, lint, unit, integration, a small fuzz run,
# end-to-end.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

[ "$(id -u)" = 0 ] || { echo "npm test needs root: it starts libvirtd in a network namespace" >&2; exit 1; }
# osinfo-db is optional for Virtdeck; the tests install it (and osinfo-query, their oracle).
bash scripts/ensure-deps.sh chromium osinfo-db libosinfo-bin zbar-tools prometheus
npm run -s generate
bash scripts/lab.sh up
# The lab must leave a libvirtd of the machine's own alone: one runs (or is started) before the
# lab comes up again, and is checked after the last suite.
bash scripts/bystander.sh start
trap 'bash scripts/bystander.sh stop' EXIT
bash scripts/lab.sh up
source /run/virtdeck-lab/env

in_lab() { bash scripts/lab.sh exec "$@"; }
step() { echo; echo "=== $1"; }

step "type check";   in_lab npx tsc --noEmit
step "lint";         in_lab npx biome ci --colors=off .
step "unit";         in_lab npx vitest run --project unit
step "build";        in_lab npx next build
step "integration";  in_lab npx vitest run --project integration
step "fuzz";         in_lab npm run -s fuzz -- --scale 0.05
step "end-to-end";   in_lab npx playwright test
step "bystander";    bash scripts/bystander.sh check
echo; echo "npm test: all suites passed"
