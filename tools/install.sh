#!/usr/bin/env bash
# Installs npm dependencies (if the lockfile changed) and builds the TypeScript to dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[install] npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
echo "[install] building"
npm run --silent build
