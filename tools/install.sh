#!/usr/bin/env bash
# Installs npm dependencies (if the lockfile changed) and builds the TypeScript to dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # `npm ci` of npm 11 refuses this lockfile over other platforms' optional packages (an npm bug);
  # `npm install` installs the same locked versions.
  echo "[install] npm install (locked versions)"
  npm install --no-audit --no-fund --loglevel=error
fi
echo "[install] building"
npm run --silent build
