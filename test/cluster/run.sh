#!/usr/bin/env bash
# npm run test:cluster: builds (or finds in the cache) the control plane, kwok and helm,
# then applies the plans to a real API server. Extra arguments go to mocha.
set -euo pipefail
cd "$(dirname "$0")/../.."
PLATFORM_CLUSTER_ASSETS=$(bash test/cluster/build.sh)
export PLATFORM_CLUSTER_ASSETS
exec npx mocha --config test/cluster/.mocharc.json "$@"
