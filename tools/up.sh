#!/usr/bin/env bash
# Quick start: installs, starts Postgres/Redis/Kafka, migrates and seeds every service, starts the five
# services in the background (logs in .cache/run/), and prints where they listen and how to log in.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install.sh
bash tools/infra.sh
source tools/env.sh ""  # shared settings only, not the caller's arguments
run=.cache/run; mkdir -p "$run"

for svc in $MES_SERVICES; do
  ( mes_env_for "$svc"; node "dist/apps/$svc/src/migrate.js" --seed ) >>"$run/$svc.migrate.log" 2>&1 \
    || { echo "migration of $svc failed; see $run/$svc.migrate.log" >&2; tail -20 "$run/$svc.migrate.log" >&2; exit 1; }
  echo "[up] $svc: database migrated and seeded"
done

for svc in $MES_SERVICES; do
  pidfile="$run/$svc.pid"
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    echo "[up] $svc already running (pid $(cat "$pidfile"))"; continue
  fi
  ( mes_env_for "$svc"; exec nohup node --enable-source-maps "dist/apps/$svc/src/main.js" ) >>"$run/$svc.log" 2>&1 &
  echo $! >"$pidfile"
done

for svc in $MES_SERVICES; do
  port=$(mes_service_port "$svc")
  for i in $(seq 1 60); do
    if curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; then break; fi
    if [ "$i" = 60 ]; then echo "$svc did not become ready; last log lines:" >&2; tail -30 "$run/$svc.log" >&2; exit 1; fi
    sleep 1
  done
done

cat <<EOT

The MES is running (logs: .cache/run/<service>.log; stop with: npm run down)

  identity      http://127.0.0.1:3000   POST /auth/login   docs: /docs
  batch-record  http://127.0.0.1:3001   docs: http://127.0.0.1:3001/docs
  inventory     http://127.0.0.1:3002   docs: http://127.0.0.1:3002/docs
  qc-release    http://127.0.0.1:3003   docs: http://127.0.0.1:3003/docs
  notification  http://127.0.0.1:3004   docs: http://127.0.0.1:3004/docs  (SSE: GET /notifications/stream)

Demo users (password: ${DEMO_PASSWORD:-demo-password}): operator, operator2, trainee (no training), supervisor, qc, qa, materials, admin,
clinic-a (CLINIC-A), clinic-b (CLINIC-B). Log in:

  curl -s -XPOST http://127.0.0.1:3000/auth/login -H 'content-type: application/json' \\
       -d '{"username":"clinic-a","password":"demo-password"}'

A walk-through of one patient batch: docs/walkthrough.md
EOT
