# shellcheck shell=bash
# Local (no Docker) settings for one service: `source tools/env.sh <service>`.
# Every value can be overridden from the calling environment.
mes_service_port() {
  case "$1" in
    identity) echo 3000 ;; batch-record) echo 3001 ;; inventory) echo 3002 ;; qc-release) echo 3003 ;; notification) echo 3004 ;;
    *) echo "unknown service: $1" >&2; return 1 ;;
  esac
}
MES_SERVICES="identity batch-record inventory qc-release notification"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
export MES_DB_PREFIX="${MES_DB_PREFIX:-mes}"
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:9092}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
export AUTH_JWT_SECRET="${AUTH_JWT_SECRET:-local-demo-secret-change-me-in-production-0123456789}"
export CLOCK_FACTOR="${CLOCK_FACTOR:-1}"
# An accelerated clock needs one anchor shared by every service (set once here, inherited by each).
if [ "$CLOCK_FACTOR" != 1 ] && [ -z "${CLOCK_ANCHOR:-}" ]; then export CLOCK_ANCHOR="$(date -u +%FT%TZ)"; fi
mes_db_name() { echo "${MES_DB_PREFIX}_${1//-/_}"; }
mes_env_for() {
  local svc="$1" offset="${MES_PORT_OFFSET:-0}"
  export SERVICE_NAME="$svc"
  export PORT=$(( $(mes_service_port "$svc") + offset ))
  export IDENTITY_URL="${IDENTITY_URL:-http://127.0.0.1:$(( 3000 + offset ))}"
  export BATCH_RECORD_URL="${BATCH_RECORD_URL:-http://127.0.0.1:$(( 3001 + offset ))}"
  export INVENTORY_URL="${INVENTORY_URL:-http://127.0.0.1:$(( 3002 + offset ))}"
  export DATABASE_URL="postgres://${PGUSER}@${PGHOST}:${PGPORT}/$(mes_db_name "$svc")"
}
if [ -n "${1:-}" ]; then mes_env_for "$1"; fi
