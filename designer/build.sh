#!/usr/bin/env bash
# Regenerates server/Vupe.Server/wwwroot/lib/vupe from designer/src with the
# exact dependency versions in package-lock.json. Needs node >= 18 and npm.
set -euo pipefail
cd "$(dirname "$0")"
IBM_TELEMETRY_DISABLED=true npm ci --no-audit --no-fund
node build.mjs
