#!/usr/bin/env bash
# The whole test suite: unit tests, then integration/fault tests against real Postgres, Redis and Kafka.
# The integration harness starts its own copies of the services (databases mestest_*, ports 3100–3104).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install.sh
# Lint first: it also enforces the module boundaries (an app never imports another app). The Nx rule needs the
# project graph, which a fresh clone does not have yet: without this line it silently skips the check.
NX_DAEMON=false npx nx show projects >/dev/null
npx eslint .
# One format for every file (Prettier); `npx prettier --write .` fixes what this reports.
npx prettier --check . >/dev/null || { npx prettier --check . ; exit 1; }
# What deploy/Dockerfile compiles must compile from the Docker build context (.dockerignore drops test code).
bash tools/ci/check-docker-build.sh
# A broker of its own (port 19092, fresh each run) so the tests never share topics or groups with a demo system.
export KAFKA_PORT=19092 KAFKA_CONTROLLER_PORT=19093
bash tools/kafka.sh reset >/dev/null
trap 'bash tools/kafka.sh stop >/dev/null 2>&1 || true' EXIT
bash tools/infra.sh mestest
export MES_TEST_KAFKA_BROKERS=127.0.0.1:19092 MES_TEST_REDIS_URL=redis://127.0.0.1:6379/1 MES_TEST_DB_PREFIX=mestest
export KAFKAJS_NO_PARTITIONER_WARNING=1
npx jest --selectProjects unit --ci
npx jest --selectProjects integration --ci --runInBand
