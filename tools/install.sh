#!/usr/bin/env bash
# Installs the locked npm dependencies exactly as package-lock.json says (npm ci: fails if the lock file is out of
# date with package.json, never rewrites it), then builds the TypeScript to dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.mes-lock-hash
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "[install] npm ci (package-lock.json as it is)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" >"$stamp"
fi
echo "[install] building"
npm run --silent build
