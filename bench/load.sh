#!/usr/bin/env bash
# The server under load (issue 15): virtual consultants of one office, each with their own citizens, running
# inbox → open a triage case → find its task → claim → case detail → complete (→ upload, office day), over HTTP
# against a Release server on 127.0.0.1 with a fresh SQLite data folder, or a fresh PostgreSQL database.
#   bench/load.sh [--store sqlite|postgres] [--mode office|saturation|both] [--consultants 200] [--seconds 120] [--think 5]
#                 [--levels 10,50,200] [--level-seconds 60]
# Office day: the consultants think between actions (exponential, mean 5 s); saturation: no think time at each level.
# Last line: store=<sqlite|postgres> nodes=<n> consultants=<n> p95_ms=<office-day p95, worst operation> errors=<n> saturation_loops_per_s=<best level>
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
case "${1:-}" in -h|--help) sed -n '2,9p' "${BASH_SOURCE[0]}"; exit 0 ;; esac
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

store=sqlite
args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --store) store="$2"; shift 2 ;;
        *) args+=("$1"); shift ;;
    esac
done
case "$store" in sqlite|postgres) ;; *) echo "--store is sqlite or postgres" >&2; exit 2 ;; esac

port="${VUPE_BENCH_PORT:-5099}"
work="$(mktemp -d "${TMPDIR:-/tmp}/vupe-load.XXXXXX")"
# shellcheck source=bench/server-nodes.sh
. "$here/server-nodes.sh"
echo "# machine: $(nproc) cores, $(uname -sr); dotnet $(dotnet --version), commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "# load average $(cut -d' ' -f1-3 /proc/loadavg) (before); store $store; data folder $work"
echo "# building the server and the load generator (Release)"
server_dll="$("$root/scripts/publish-server.sh")"
dotnet build "$here/Vupe.Bench.Load" -c Release --nologo -v q >/dev/null

cleanup() {
    bench_stop_nodes
    rm -rf "$work"
}
trap cleanup EXIT

settings=(--Vupe:DataDirectory="$work/data")
if [ "$store" = postgres ]; then
    database="$(bench_new_database "$(bench_postgres)")"
    settings+=(--Vupe:Database:Provider=PostgreSql "--Vupe:Database:ConnectionString=$database")
fi

started=$(date +%s.%N)
bench_start_node node1 "$port" "" "${settings[@]}"
bench_wait_node node1 "$port"
echo "# server ready in $(echo "$(date +%s.%N) - $started" | bc) s"

dotnet "$here/Vupe.Bench.Load/bin/Release/net10.0/Vupe.Bench.Load.dll" --url "http://127.0.0.1:$port" "${args[@]}" --store "$store" --nodes 1 --server-pids "${node_pid_of[node1]}" | tee "$work/result.txt"
echo "# server CPU: $(bench_node_cpu) s; load average $(cut -d' ' -f1-3 /proc/loadavg) (after)"
tail -n 1 "$work/result.txt"
