#!/usr/bin/env bash
# Restart to ready (issue 15): how long the server takes from process start to answering, on a fresh data folder and
# on a restart of the same folder (SQLite, demo data and catalogue as ./run.sh has them), for the precompiled publish
# (scripts/publish-server.sh, what run.sh and the benches start) against the JIT-only Release build, alternated.
#   bench/restart.sh [--rounds 5]
# Last line: fresh_s=<precompiled, fresh folder> restart_median_s=<precompiled> jit_restart_median_s=<Release build> ratio=<jit/precompiled>
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
case "${1:-}" in -h|--help) sed -n '2,6p' "${BASH_SOURCE[0]}"; exit 0 ;; esac
rounds=5
[ "${1:-}" = --rounds ] && rounds="$2"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
port="${VUPE_BENCH_PORT:-5094}"
work="$(mktemp -d "${TMPDIR:-/tmp}/vupe-restart.XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "# machine: $(nproc) cores, $(uname -sr); dotnet $(dotnet --version), commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "# building: the precompiled publish and the Release build"
precompiled="$("$root/scripts/publish-server.sh")"
dotnet build "$root/server/Vupe.Server" -c Release --nologo -v q >/dev/null
jit="$root/server/Vupe.Server/bin/Release/net10.0/Vupe.Server.dll"

# ready <dll> <data folder>: seconds from start to the first answer (401 from /api/auth/me), then a graceful stop
ready() {
    local started pid seconds
    started=$(date +%s.%N)
    ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning dotnet "$1" --contentRoot "$root/server/Vupe.Server" \
        --urls "http://127.0.0.1:$port" --Vupe:DataDirectory="$2" >"$work/server.log" 2>&1 &
    pid=$!
    until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/auth/me" 2>/dev/null)" = 401 ]; do
        kill -0 "$pid" 2>/dev/null || { echo "the server stopped:" >&2; tail -n 30 "$work/server.log" >&2; exit 1; }
        sleep 0.05
    done
    seconds=$(echo "$(date +%s.%N) - $started" | bc)
    kill "$pid"; wait "$pid" 2>/dev/null || true
    printf '%.2f' "$seconds"
}
median() { tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "# load average $(cut -d' ' -f1-3 /proc/loadavg) (before)"
fresh=$(ready "$precompiled" "$work/data")
echo "fresh folder (migrations, offices, demo data, catalogue): precompiled $fresh s"
jit_fresh=$(ready "$jit" "$work/data-jit")
echo "fresh folder: JIT-only $jit_fresh s"
p=(); j=()
for round in $(seq 1 "$rounds"); do
    p+=("$(ready "$precompiled" "$work/data")")
    j+=("$(ready "$jit" "$work/data")")
    echo "round $round: precompiled ${p[-1]} s, JIT-only ${j[-1]} s"
done
pm=$(echo "${p[*]}" | median); jm=$(echo "${j[*]}" | median)
echo "# load average $(cut -d' ' -f1-3 /proc/loadavg) (after)"
echo "fresh_s=$fresh restart_median_s=$pm jit_restart_median_s=$jm ratio=$(echo "scale=2; $jm / $pm" | bc)"
