#!/usr/bin/env bash
# Makes sure Postgres, Redis and Kafka are up on loopback and the service databases exist.
# Usage: tools/infra.sh [db-prefix]   (default prefix: mes → mes_identity, mes_batch_record, …)
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/env.sh ""  # shared settings only, not the caller's arguments
prefix="${1:-$MES_DB_PREFIX}"

log() { printf '[infra] %s\n' "$*"; }

if ! pg_isready -h "$PGHOST" -p "$PGPORT" -q; then
  log "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
  for _ in $(seq 1 30); do pg_isready -h "$PGHOST" -p "$PGPORT" -q && break; sleep 1; done
fi
pg_isready -h "$PGHOST" -p "$PGPORT" -q || { echo "PostgreSQL is not reachable on $PGHOST:$PGPORT" >&2; exit 1; }

if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  log "starting Redis"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/mes.log
  for _ in $(seq 1 20); do redis-cli ping >/dev/null 2>&1 && break; sleep 0.5; done
fi
redis-cli ping >/dev/null || { echo "Redis is not reachable on 127.0.0.1:6379" >&2; exit 1; }

bash tools/kafka.sh start

for svc in $MES_SERVICES; do
  db="${prefix}_${svc//-/_}"
  if ! psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1; then
    createdb -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" "$db"
    log "created database $db"
  fi
done
log "Postgres, Redis and Kafka are up; databases ${prefix}_* exist"
