#!/usr/bin/env bash
# A service's dead letters (after `npm run build`): npm run dead-letters -- <service> list [--state pending]
#   | show <id> | replay <id> --by <user> --why "<reason>" | discard <id> --by <user> --why "<reason>"
set -euo pipefail
cd "$(dirname "$0")/.."
service="${1:?usage: npm run dead-letters -- <service> list|show|replay|discard ...}"
shift
# shellcheck source=tools/env.sh
source tools/env.sh "$service"
exec node "dist/apps/$service/src/dead-letters.js" "$@"
