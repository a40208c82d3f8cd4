#!/usr/bin/env bash
# The ministry's figures (issue 13 item 5 target: every dashboard view < 1 s over 1,000,000 cases in SQLite).
#   bench/figures.sh                 generate the database if needed (bench/results/figures/figures.db), then time each view
#   bench/figures.sh --regenerate    rebuild the database first
# Other arguments go to the harness (--runs N, --warmup N, --office CODE, --cases N, --db FILE; see docs/benchmarks.md).
# The last line is always:
#   cases=<n> national_ms=<p95, worst national view> office_ms=<p95, worst office view>
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
case "${1:-}" in -h|--help) sed -n '2,7p' "${BASH_SOURCE[0]}"; exit 0 ;; esac

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "# machine: $(nproc) cores, $(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -n1), $(uname -sr), $(free -g 2>/dev/null | awk '/^Mem:/ { print $2 " GB RAM" }')"
echo "# dotnet $(dotnet --version), commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "# load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown) (before)"

echo "# building bench/Vupe.Bench.Figures (Release)"
dotnet build "$here/Vupe.Bench.Figures/Vupe.Bench.Figures.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
out="$(mktemp "${TMPDIR:-/tmp}/vupe-figures-bench.XXXXXX")"
trap 'rm -f "$out"' EXIT
dotnet "$here/Vupe.Bench.Figures/bin/Release/net10.0/Vupe.Bench.Figures.dll" "$@" | tee "$out"
echo "# load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown) (after)"

summary="$(grep -E '^cases=[0-9]+ national_ms=[0-9]+ office_ms=[0-9]+$' "$out" | tail -n1)"
if [ -z "$summary" ]; then
  echo "figures.sh: the harness printed no summary line" >&2
  exit 1
fi
echo "$summary"
