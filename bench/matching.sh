#!/usr/bin/env bash
# National matching (issue 13 target): one seeker against 100,000 open vacancies and one vacancy against 1,000,000
# seekers, p95 < 50 ms on SQLite, measured through a Release server's API with a fresh data folder; the top 20 of
# 50 queries each way compared with an exhaustive ranking. Needs ~3 GB of memory.
#   bench/matching.sh [vacancies=100000] [seekers=1000000] [occupations=520] [seed=2026] [queries=200]
# Last line: vacancies=<n> seekers=<n> seeker_p95_ms=<x> vacancy_p95_ms=<y>
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
case "${1:-}" in -h|--help) sed -n '2,6p' "${BASH_SOURCE[0]}"; exit 0 ;; esac
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
vacancies="${1:-100000}" seekers="${2:-1000000}" occupations="${3:-520}" seed="${4:-2026}" queries="${5:-200}"
port="${VUPE_BENCH_PORT:-5098}"
data="$(mktemp -d "${TMPDIR:-/tmp}/vupe-matching.XXXXXX")"
echo "# machine: $(nproc) cores, $(uname -sr); dotnet $(dotnet --version), commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "# load average $(cut -d' ' -f1-3 /proc/loadavg) (before); data folder $data"
dotnet build "$root/server/Vupe.Server" -c Release --nologo -v q >/dev/null
dotnet build "$here/Vupe.Bench.Matching" -c Release --nologo -v q >/dev/null
bench="$here/Vupe.Bench.Matching/bin/Release/net10.0/Vupe.Bench.Matching.dll"

server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$data"
}
trap cleanup EXIT

dotnet "$bench" generate "$data" "$vacancies" "$seekers" "$occupations" "$seed"
ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning \
    dotnet "$root/server/Vupe.Server/bin/Release/net10.0/Vupe.Server.dll" --contentRoot "$root/server/Vupe.Server" --urls "http://127.0.0.1:$port" \
    --Vupe:DataDirectory="$data" --Vupe:SeedDemoData=false --Logging:LogLevel:Vupe.Server.JobBank=Information >"$data/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 600); do
    if curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/auth/me" 2>/dev/null | grep -q 401; then break; fi
    if ! kill -0 "$server_pid" 2>/dev/null; then echo "the server stopped:"; cat "$data/server.log"; exit 1; fi
    sleep 0.1
done
dotnet "$bench" query "http://127.0.0.1:$port" "$vacancies" "$seekers" "$occupations" "$seed" "$queries" | tee "$data/result.txt"
grep -h "matching index loaded" "$data/server.log" | sed 's/^/# server: /' || true
echo "# server memory: $(ps -o rss= -p "$server_pid" | awk '{printf "%.0f MB", $1/1024}'); load average $(cut -d' ' -f1-3 /proc/loadavg) (after)"
tail -n 1 "$data/result.txt"
