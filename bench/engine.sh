#!/usr/bin/env bash
# Runs the VupeCases engine benchmarks (docs/benchmarks.md): our engine in memory and over SQLite,
# WorkflowCore 3.22.0, then the same BPMN files on bpmn-engine 25.0.1 in node.
#   bench/engine.sh              normal run: 5 rounds, each ours then bpmn-engine (the published figures; about 10 minutes on 2 cores)
#   bench/engine.sh --rounds 1   one round (a quick check; its figures are one round's, not medians)
#   bench/engine.sh --quick      short smoke run (may be combined with --rounds)
# Round 1 runs every section (WorkflowCore and the SQL trace included); later rounds only what the
# summary needs (ours in memory and over SQLite, then bpmn-engine). Works from any directory.
# Each round ends with a "round i/n ..." line; the last line is always the medians over the rounds:
#   inmemory_vs_bpmn_engine=<ratio> sqlite_instances_per_s=<n>
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
mode=()
rounds=5
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) mode=(--quick) ;;
    --rounds)
      [ $# -ge 2 ] && [[ "$2" =~ ^[1-9][0-9]*$ ]] || { echo "engine.sh: --rounds needs a positive number" >&2; exit 2; }
      rounds="$2"; shift ;;
    -h|--help) sed -n '2,9p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "engine.sh: unknown argument '$1' (use --quick, --rounds N)" >&2; exit 2 ;;
  esac
  shift
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 IBM_TELEMETRY_DISABLED=true
out="$(mktemp -d "${TMPDIR:-/tmp}/vupe-engine-bench.XXXXXX")"
trap 'rm -rf "$out"' EXIT

echo "# machine: $(nproc) cores, $(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -n1), $(uname -sr)"
echo "# dotnet $(dotnet --version), node $(node --version), commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)" \
  "(engine/ has $(git -C "$root" status --porcelain -- engine 2>/dev/null | wc -l | tr -d ' ') uncommitted changes)"

# Other work on the machine moves the figures: say how busy it was before and after each round.
load() { echo "# load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown) ($1)"; }
load "before"

# 1. The node peer's packages, exactly as locked.
peer="$here/peers/bpmn-engine"
if [ ! -d "$peer/node_modules" ]; then
  echo "# installing bpmn-engine peer (npm ci)"
  (cd "$peer" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi

# 2. Our engine and WorkflowCore (.NET, Release), built once for every round.
echo "# building bench/Vupe.Bench (Release)"
dotnet build "$here/Vupe.Bench/Vupe.Bench.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >&2

value() { # value FILE LINE_NAME KEY
  awk -v name="$2" -v key="$3" '$1 == name { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == key) { print kv[2]; exit } } }' "$1"
}
median() { # median of the numbers given, one per argument
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# 3. The rounds: ours, then the peer, so both see the same moment of the machine and the ratio
#    is taken within a round.
ratios=(); sqlites=()
for ((r = 1; r <= rounds; r++)); do
  echo "# round $r/$rounds"
  only=()
  [ "$r" -gt 1 ] && only=(--only inmemory,sqlite)
  dotnet "$here/Vupe.Bench/bin/Release/net10.0/Vupe.Bench.dll" "${mode[@]}" "${only[@]}" --processes "$here/processes" | tee "$out/dotnet.$r.txt"
  (cd "$peer" && node run.js "${mode[@]}") | tee "$out/node.$r.txt"
  load "after round $r"

  ours="$(value "$out/dotnet.$r.txt" ours.inmemory.reference instances_per_s)"
  theirs="$(value "$out/node.$r.txt" bpmn_engine.reference instances_per_s)"
  sqlite="$(value "$out/dotnet.$r.txt" ours.sqlite.reference.best instances_per_s)"
  if [ -z "$ours" ] || [ -z "$theirs" ] || [ -z "$sqlite" ]; then
    echo "engine.sh: a figure is missing in round $r (ours=$ours bpmn_engine=$theirs sqlite=$sqlite)" >&2
    exit 1
  fi
  ratio="$(awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "%.1f", a / b }')"
  ratios+=("$ratio"); sqlites+=("$sqlite")
  echo "round $r/$rounds inmemory_instances_per_s=$ours bpmn_engine_instances_per_s=$theirs inmemory_vs_bpmn_engine=$ratio sqlite_instances_per_s=$sqlite"
done

# 4. The summary line: medians over the rounds (with one round, that round's figures).
echo "# rounds: inmemory_vs_bpmn_engine ${ratios[*]}; sqlite_instances_per_s ${sqlites[*]}"
ratio="$(awk -v m="$(median "${ratios[@]}")" 'BEGIN { printf "%.1f", m }')"
sqlite="$(awk -v m="$(median "${sqlites[@]}")" 'BEGIN { printf "%.0f", m }')"
echo "inmemory_vs_bpmn_engine=$ratio sqlite_instances_per_s=$sqlite"
