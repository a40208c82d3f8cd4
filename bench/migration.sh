#!/usr/bin/env bash
# Migration of running instances between process versions on SQLite (issue 14 targets: 10,000 instances, dry run
# < 5 s, run < 60 s). Starts N instances of bench/processes/migration-v1.bpmn (each with a claimed task, a boundary
# timer, a message and a timer catch), deploys v2 (one task renamed, mapped), times the dry run and the migration.
#   bench/migration.sh [instances=10000]
# Last line: instances=<n> plan_s=<x> migrate_s=<y> migrated=<n> refused=<n>
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
case "${1:-}" in -h|--help) sed -n '2,6p' "${BASH_SOURCE[0]}"; exit 0 ;; esac
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "# machine: $(nproc) cores, $(uname -sr); dotnet $(dotnet --version), commit $(git -C "$here/.." rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "# load average $(cut -d' ' -f1-3 /proc/loadavg) (before)"
dotnet build "$here/Vupe.Bench.Migration" -c Release --nologo -v q >/dev/null
dotnet "$here/Vupe.Bench.Migration/bin/Release/net10.0/Vupe.Bench.Migration.dll" "$@"
