#!/usr/bin/env bash
# Stops the services started by tools/up.sh (gracefully); `--all` also stops Kafka.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/env.sh ""  # shared settings only, not the caller's arguments
for svc in $MES_SERVICES; do
  pidfile=.cache/run/$svc.pid
  [ -f "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    echo "[down] stopped $svc"
  fi
  rm -f "$pidfile"
done
if [ "${1:-}" = "--all" ]; then bash tools/kafka.sh stop; fi
