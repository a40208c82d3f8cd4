#!/usr/bin/env bash
# Several nodes on one PostgreSQL database (issue 15): the load bench's saturation loop (inbox → open → find → claim →
# detail → complete, no think time) against one node, then against two nodes sharing a fresh database, each node
# pinned to its own core with taskset (on this 2-core machine the database and the load generator share those cores:
# the speedup is what two nodes give here, not on separate machines). Consultant i works on node i mod n.
#   bench/cluster.sh [--levels 50,200] [--level-seconds 30]
# Last line: one_node_loops_per_s=<x> two_nodes_loops_per_s=<y> speedup=<z>
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
case "${1:-}" in -h|--help) sed -n '2,7p' "${BASH_SOURCE[0]}"; exit 0 ;; esac
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

levels=50,200
level_seconds=30
while [ $# -gt 0 ]; do
    case "$1" in
        --levels) levels="$2"; shift 2 ;;
        --level-seconds) level_seconds="$2"; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

work="$(mktemp -d "${TMPDIR:-/tmp}/vupe-cluster.XXXXXX")"
# shellcheck source=bench/server-nodes.sh
. "$here/server-nodes.sh"
cleanup() {
    bench_stop_nodes
    rm -rf "$work"
}
trap cleanup EXIT

echo "# machine: $(nproc) cores, $(uname -sr); dotnet $(dotnet --version), commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "# load average $(cut -d' ' -f1-3 /proc/loadavg) (before)"
echo "# building the server and the load generator (Release)"
server_dll="$("$root/scripts/publish-server.sh")"
dotnet build "$here/Vupe.Bench.Load" -c Release --nologo -v q >/dev/null
postgres="$(bench_postgres)"
cores=$(nproc)

# run <nodes>: fresh database and data folder, the nodes started together, saturation at each level; prints the best loops/s
run() {
    local nodes="$1" database urls=() port
    database="$(bench_new_database "$postgres")"
    mkdir -p "$work/data-$nodes"
    for i in $(seq 1 "$nodes"); do
        port=$((5100 + i))
        # Settings shared by every node: the database, one data folder (a shared volume in production).
        bench_start_node "node$i" "$port" "$(( (i - 1) % cores ))" --Vupe:DataDirectory="$work/data-$nodes" \
            --Vupe:Database:Provider=PostgreSql "--Vupe:Database:ConnectionString=$database"
        urls+=("http://127.0.0.1:$port")
    done
    for i in $(seq 1 "$nodes"); do bench_wait_node "node$i" $((5100 + i)) >&2; done
    local joined; joined=$(IFS=,; echo "${urls[*]}")
    echo "# $nodes node(s): $joined" >&2
    dotnet "$here/Vupe.Bench.Load/bin/Release/net10.0/Vupe.Bench.Load.dll" --url "$joined" --mode saturation --levels "$levels" \
        --level-seconds "$level_seconds" --store postgres --nodes "$nodes" --server-pids "$(IFS=,; echo "${node_pids[*]}")" | tee "$work/result-$nodes.txt" >&2
    echo "# nodes' CPU: $(bench_node_cpu) s" >&2
    bench_stop_nodes
    sed -n 's/.*saturation_loops_per_s=\([0-9.]*\).*/\1/p' "$work/result-$nodes.txt" | tail -n 1
}

one=$(run 1)
two=$(run 2)
echo "# load average $(cut -d' ' -f1-3 /proc/loadavg) (after)"
echo "one_node_loops_per_s=$one two_nodes_loops_per_s=$two speedup=$(printf "%.2f" "$(echo "scale=4; $two / $one" | bc)")"
