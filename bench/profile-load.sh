#!/usr/bin/env bash
# Where the server's CPU goes under the consultants' loop (issue 15's bottleneck): the saturation loop of bench/load.sh
# (inbox → open → find → claim → detail → complete) at --consultants, no think time, on a fresh SQLite folder; after
# --warmup seconds, `perf record` samples the server for --seconds and bench/profile/where_cpu_goes.py groups the
# samples. A second, short run with one consultant counts the EF Core statements a loop sends (the engine's own
# prepared statements are not among them). Needs perf (Debian package linux-perf).
#   bench/profile-load.sh [--consultants 10] [--warmup 40] [--seconds 30]
# Last line: loops_per_s=<x> cpu_ms_per_loop=<server CPU per loop while sampled> ef_statements_per_loop=<n>
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
case "${1:-}" in -h|--help) sed -n '2,8p' "${BASH_SOURCE[0]}"; exit 0 ;; esac
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
consultants=10 warmup=40 seconds=30
while [ $# -gt 0 ]; do
    case "$1" in
        --consultants) consultants="$2"; shift 2 ;;
        --warmup) warmup="$2"; shift 2 ;;
        --seconds) seconds="$2"; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
command -v perf >/dev/null || { echo "perf is missing: apt-get install linux-perf" >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/vupe-profile.XXXXXX")"
# shellcheck source=bench/server-nodes.sh
. "$here/server-nodes.sh"
cleanup() { bench_stop_nodes; rm -rf "$work"; }
trap cleanup EXIT
echo "# machine: $(nproc) cores; commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown); load average $(cut -d' ' -f1-3 /proc/loadavg) (before)"
server_dll="$("$root/scripts/publish-server.sh")"
dotnet build "$here/Vupe.Bench.Load" -c Release --nologo -v q >/dev/null
load="$here/Vupe.Bench.Load/bin/Release/net10.0/Vupe.Bench.Load.dll"
port="${VUPE_BENCH_PORT:-5099}"

# perf names JIT-compiled code from /tmp/perf-<pid>.map; precompiled (ReadyToRun) code and the runtime's
# double-mapped code pages it cannot name, so this run compiles everything just in time, with code mapped once.
DOTNET_PerfMapEnabled=1 DOTNET_ReadyToRun=0 DOTNET_EnableWriteXorExecute=0 \
    bench_start_node node1 "$port" "" --Vupe:DataDirectory="$work/data"
bench_wait_node node1 "$port"
pid="${node_pid_of[node1]}"
levels="$consultants,$consultants"
dotnet "$load" --url "http://127.0.0.1:$port" --mode saturation --levels "$levels" --level-seconds "$((warmup > seconds ? warmup : seconds))" \
    --store sqlite --nodes 1 >"$work/result.txt" &
generator=$!
sleep "$((warmup > seconds ? warmup : seconds))"
ticks() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
before=$(ticks)
perf record -F 499 -g -p "$pid" -o "$work/perf.data" -- sleep "$seconds" >"$work/perf.log" 2>&1
after=$(ticks)
wait "$generator"
perf script -i "$work/perf.data" -F comm,tid,ip,sym,dso 2>/dev/null >"$work/perf.txt"
python3 "$here/profile/where_cpu_goes.py" "$work/perf.txt"
rate=$(grep "loops=" "$work/result.txt" | tail -n 1 | sed 's/.*= \([0-9.]*\) loops\/s.*/\1/')
hz=$(getconf CLK_TCK)
cpu_ms=$(echo "scale=2; ($after - $before) * 1000 / $hz / ($rate * $seconds)" | bc)
echo "# sampled: $seconds s at $rate loops/s (the generator's second level), server CPU $(echo "scale=1; ($after - $before) / $hz" | bc) s"
bench_stop_nodes

# One consultant, EF Core's command log on: statements per loop.
bench_start_node node2 "$port" "" --Vupe:DataDirectory="$work/data2" --Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command=Information
bench_wait_node node2 "$port"
sleep 2
statements() { grep -c "Executed DbCommand" "$work/node2.log" || true; }
first=$(statements)
dotnet "$load" --url "http://127.0.0.1:$port" --mode saturation --levels 1 --level-seconds 15 --store sqlite --nodes 1 >"$work/count.txt"
last=$(statements)
loops=$(grep "loops=" "$work/count.txt" | tail -n 1 | sed 's/.*loops=\([0-9]*\) in.*/\1/')
echo "# EF Core statements of one consultant's loops (the generator's set-up of its citizens included): $((last - first)) for $loops loops"
echo "loops_per_s=$rate cpu_ms_per_loop=$cpu_ms ef_statements_per_loop=$(echo "scale=1; ($last - $first) / $loops" | bc)"
