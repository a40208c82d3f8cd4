#!/usr/bin/env bash
# Checks that the committed browser bundles (server/Vupe.Server/wwwroot/lib/vupe) are what designer/ builds from its
# sources and its package-lock.json: builds them into a temporary folder and compares byte for byte. Exit 1 with the
# differing files when they are stale (run designer/build.sh and commit). Needs node >= 18 and npm (installed by
# scripts/install-prerequisites.sh) and the npm registry for `npm ci` the first time.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
cd "$root/designer"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
    IBM_TELEMETRY_DISABLED=true npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi
VUPE_UI_OUTDIR="$out" node build.mjs >/dev/null
if ! diff -rq "$out" "$root/server/Vupe.Server/wwwroot/lib/vupe"; then
    echo "The committed bundles differ from what designer/ builds: run designer/build.sh and commit server/Vupe.Server/wwwroot/lib/vupe." >&2
    exit 1
fi
echo "bundles up to date"
