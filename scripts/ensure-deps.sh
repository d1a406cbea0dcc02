#!/usr/bin/env bash
# Installs what Virtdeck's own commands need on a fresh Debian machine, only when missing:
# Debian packages given as arguments (as root, with apt), then the npm packages from the lock file.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
for pkg in "$@"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "[virtdeck] installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm ci when node_modules is missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[virtdeck] installing npm packages"
  npm ci --no-audit --no-fund
fi
