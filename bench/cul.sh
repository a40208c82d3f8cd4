#!/usr/bin/env bash
# The whole CUL procedure under load (issue 13, item 4): the engine on SQLite with the catalogue's real handlers and the
# six simulated back offices, each answering after a uniform random 200–800 ms (RENIEC first; once it validated the
# identity the other five are asked together), then consolidation, rendering and RSA-3072 signing of the PDF.
# WORKERS concurrent requesters ask for CULs one after another for SECONDS; every request must end signed.
#   bench/cul.sh [--seconds 30] [--workers 32] [--min-latency-ms 200] [--max-latency-ms 800]
# Target: p95 < 2 s. The last line is always: cul_p95_ms=<x> culs_per_s=<y>
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
case "${1:-}" in -h|--help) sed -n '2,7p' "${BASH_SOURCE[0]}"; exit 0 ;; esac

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "# machine: $(nproc) cores, $(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -n1), $(uname -sr)"
echo "# dotnet $(dotnet --version), commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "# load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown) (before)"
echo "# building bench/Vupe.Bench.Documents (Release)"
dotnet build "$here/Vupe.Bench.Documents" -c Release --nologo -v q >/dev/null
result="$(dotnet "$here/Vupe.Bench.Documents/bin/Release/net10.0/Vupe.Bench.Documents.dll" procedure "$@")"
echo "$result" | grep '^#'
echo "# load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown) (after)"
echo "$result" | grep -v '^#' | tail -n 1
