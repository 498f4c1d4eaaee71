#!/usr/bin/env bash
# Compiles what deploy/Dockerfile compiles, from the files the Docker build context holds after .dockerignore
# (no Docker engine needed): a service importing test-only code (libs/testing, *.spec.ts) fails here, not in a
# user's `docker build`.
set -euo pipefail
cd "$(dirname "$0")/../.."
ctx="$(mktemp -d)"
trap 'rm -rf "$ctx"' EXIT
node tools/ci/docker-context.js "$ctx"
# The same steps as the Dockerfile's build stage: its COPY lines, then `npm run build:services`.
img="$ctx/image"
mkdir -p "$img"
for f in package.json package-lock.json tsconfig.base.json tsconfig.build.json libs apps tools; do cp -r "$ctx/$f" "$img/"; done
ln -s "$PWD/node_modules" "$img/node_modules"
(cd "$img" && npm run --silent build:services)
echo "[docker-build] the image's build stage compiles from the Docker context"
