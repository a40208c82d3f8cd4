#!/usr/bin/env bash
# The server under load (issue 15): virtual consultants of one office, each with their own citizens, running
# inbox → open a triage case → find its task → claim → case detail → complete (→ upload, office day), over HTTP
# against a Release server on 127.0.0.1 with a fresh SQLite data folder.
#   bench/load.sh [--mode office|saturation|both] [--consultants 200] [--seconds 120] [--think 5]
#                 [--levels 10,50,200] [--level-seconds 60]
# Office day: the consultants think between actions (exponential, mean 5 s); saturation: no think time at each level.
# Last line: store=<sqlite> nodes=<n> consultants=<n> p95_ms=<office-day p95, worst operation> errors=<n> saturation_loops_per_s=<best level>
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
case "${1:-}" in -h|--help) sed -n '2,8p' "${BASH_SOURCE[0]}"; exit 0 ;; esac
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

port="${VUPE_BENCH_PORT:-5099}"
data="$(mktemp -d "${TMPDIR:-/tmp}/vupe-load.XXXXXX")"
echo "# machine: $(nproc) cores, $(uname -sr); dotnet $(dotnet --version), commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "# load average $(cut -d' ' -f1-3 /proc/loadavg) (before); data folder $data"
echo "# building the server and the load generator (Release)"
dotnet build "$root/server/Vupe.Server" -c Release --nologo -v q >/dev/null
dotnet build "$here/Vupe.Bench.Load" -c Release --nologo -v q >/dev/null

server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$data"
}
trap cleanup EXIT

started=$(date +%s.%N)
ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning \
    dotnet "$root/server/Vupe.Server/bin/Release/net10.0/Vupe.Server.dll" --contentRoot "$root/server/Vupe.Server" --urls "http://127.0.0.1:$port" --Vupe:DataDirectory="$data" \
    --Vupe:SeedDemoData=false >"$data/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 300); do
    if curl -fs -o /dev/null "http://127.0.0.1:$port/api/auth/antiforgery" 2>/dev/null || curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/auth/me" 2>/dev/null | grep -q 401; then break; fi
    if ! kill -0 "$server_pid" 2>/dev/null; then echo "the server stopped:"; cat "$data/server.log"; exit 1; fi
    sleep 0.1
done
echo "# server ready in $(echo "$(date +%s.%N) - $started" | bc) s (pid $server_pid)"

dotnet "$here/Vupe.Bench.Load/bin/Release/net10.0/Vupe.Bench.Load.dll" --url "http://127.0.0.1:$port" "$@" --store sqlite --nodes 1 | tee "$data/result.txt"
echo "# server CPU: $(ps -o times= -p "$server_pid" | tr -d ' ') s; load average $(cut -d' ' -f1-3 /proc/loadavg) (after)"
tail -n 1 "$data/result.txt"
