#!/usr/bin/env bash
# Inbox query latency (issue 4 target: p95 < 20 ms with 1,000,000 cases and 5,000,000 tasks in SQLite).
#   bench/inbox.sh                 generate the database if needed (bench/results/inbox/inbox.db, ~3 minutes), then 1,000 timed inbox requests
#   bench/inbox.sh --regenerate    rebuild the database first
# Other arguments go to the harness (--queries N, --warmup N, --explain-all, --db FILE; see docs/benchmarks.md).
# Works from any directory. The last line is always:
#   p95_ms=<x> cases=<n> tasks=<n>
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
case "${1:-}" in -h|--help) sed -n '2,7p' "${BASH_SOURCE[0]}"; exit 0 ;; esac

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "# machine: $(nproc) cores, $(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -n1), $(uname -sr), $(free -g 2>/dev/null | awk '/^Mem:/ { print $2 " GB RAM" }')"
echo "# dotnet $(dotnet --version), commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)" \
  "(engine/ has $(git -C "$root" status --porcelain -- engine 2>/dev/null | wc -l | tr -d ' ') uncommitted changes)"
echo "# load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown) (before)"

echo "# building bench/Vupe.Bench.Inbox (Release)"
dotnet build "$here/Vupe.Bench.Inbox/Vupe.Bench.Inbox.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
out="$(mktemp "${TMPDIR:-/tmp}/vupe-inbox-bench.XXXXXX")"
trap 'rm -f "$out"' EXIT
dotnet "$here/Vupe.Bench.Inbox/bin/Release/net10.0/Vupe.Bench.Inbox.dll" "$@" | tee "$out"
echo "# load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown) (after)"

# The summary line again, last, as the harness printed it.
summary="$(grep -E '^p95_ms=[0-9.]+ cases=[0-9]+ tasks=[0-9]+$' "$out" | tail -n1)"
if [ -z "$summary" ]; then
  echo "inbox.sh: the harness printed no summary line" >&2
  exit 1
fi
echo "$summary"
