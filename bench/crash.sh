#!/usr/bin/env bash
# The crash proof (issue 17): a mixed workload (register fichas, open triage and CUL cases and upload documents with an
# Idempotency-Key, claim and complete tasks with their forms, change fichas) against a Release server on 127.0.0.1 with
# a fresh SQLite data folder, killed with SIGKILL at seeded random moments (0.3–2 s into each burst) and restarted on the
# same folder; after each restart, and at the end, every acknowledged call must be there exactly once, every case
# consistent with its history, every audit chain intact and complete.
#   bench/crash.sh [--kills 100] [--seed 2026] [--clients 4] [--no-build (the Release builds are current)]
# Last line: kills=<n> acknowledged=<n> lost=<n> duplicated=<n> violations=<n>
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
case "${1:-}" in -h|--help) sed -n '2,8p' "${BASH_SOURCE[0]}"; exit 0 ;; esac
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

build=1
args=()
for arg in "$@"; do
    if [ "$arg" = --no-build ]; then build=0; else args+=("$arg"); fi
done

work="$(mktemp -d "${TMPDIR:-/tmp}/vupe-crash.XXXXXX")"
trap 'rm -rf "$work"' EXIT
echo "# machine: $(nproc) cores, $(uname -sr); dotnet $(dotnet --version), commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ "$build" = 1 ]; then
    echo "# building the server and the harness (Release)"
    server_dll="$("$root/scripts/publish-server.sh")"
    dotnet build "$here/Vupe.Bench.Crash" -c Release --nologo -v q >/dev/null
else
    server_dll="$root/server/Vupe.Server/bin/Release/net10.0/Vupe.Server.dll" # as the caller built it
fi

status=0
dotnet "$here/Vupe.Bench.Crash/bin/Release/net10.0/Vupe.Bench.Crash.dll" \
    --server "$server_dll" --content-root "$root/server/Vupe.Server" \
    --data "$work/data" "${args[@]}" || status=$?
exit "$status"
