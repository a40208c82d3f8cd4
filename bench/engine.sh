#!/usr/bin/env bash
# Runs the VupeCases engine benchmarks (docs/benchmarks.md): our engine in memory and over SQLite,
# WorkflowCore 3.22.0, then the same BPMN files on bpmn-engine 25.0.1 in node.
#   bench/engine.sh            normal run (the published figures; a few minutes on 2 cores)
#   bench/engine.sh --quick    short smoke run
# Works from any directory. The last line is always:
#   inmemory_vs_bpmn_engine=<ratio> sqlite_instances_per_s=<n>
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
mode=()
for arg in "$@"; do
  case "$arg" in
    --quick) mode=(--quick) ;;
    -h|--help) sed -n '2,7p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "engine.sh: unknown argument '$arg' (use --quick)" >&2; exit 2 ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 IBM_TELEMETRY_DISABLED=true
out="$(mktemp -d "${TMPDIR:-/tmp}/vupe-engine-bench.XXXXXX")"
trap 'rm -rf "$out"' EXIT

echo "# machine: $(nproc) cores, $(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -n1), $(uname -sr)"
echo "# dotnet $(dotnet --version), node $(node --version), commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)" \
  "(engine/ has $(git -C "$root" status --porcelain -- engine 2>/dev/null | wc -l | tr -d ' ') uncommitted changes)"

# Other work on the machine moves the figures: say how busy it was before and after.
load() { echo "# load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown) ($1)"; }
load "before"

# 1. The node peer's packages, exactly as locked.
peer="$here/peers/bpmn-engine"
if [ ! -d "$peer/node_modules" ]; then
  echo "# installing bpmn-engine peer (npm ci)"
  (cd "$peer" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi

# 2. Our engine and WorkflowCore (.NET, Release).
echo "# building bench/Vupe.Bench (Release)"
dotnet build "$here/Vupe.Bench/Vupe.Bench.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
dotnet "$here/Vupe.Bench/bin/Release/net10.0/Vupe.Bench.dll" "${mode[@]}" --processes "$here/processes" | tee "$out/dotnet.txt"

# 3. The same processes on bpmn-engine.
(cd "$peer" && node run.js "${mode[@]}") | tee "$out/node.txt"

load "after"

# 4. The summary line. Values are read from the lines above by name.
value() { # value FILE LINE_NAME KEY
  awk -v name="$2" -v key="$3" '$1 == name { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == key) { print kv[2]; exit } } }' "$1"
}
ours="$(value "$out/dotnet.txt" ours.inmemory.reference instances_per_s)"
theirs="$(value "$out/node.txt" bpmn_engine.reference instances_per_s)"
sqlite="$(value "$out/dotnet.txt" ours.sqlite.reference.best instances_per_s)"
if [ -z "$ours" ] || [ -z "$theirs" ] || [ -z "$sqlite" ]; then
  echo "engine.sh: a figure is missing (ours=$ours bpmn_engine=$theirs sqlite=$sqlite)" >&2
  exit 1
fi
ratio="$(awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "%.1f", a / b }')"
echo "inmemory_vs_bpmn_engine=$ratio sqlite_instances_per_s=$sqlite"
