#!/usr/bin/env bash
# CUL issuance cost (targets: < 50 ms per CUL rendered and signed; >= 50 CUL/s on 2 cores; < 1 s end to end).
# Renders and signs the Certificado Único Laboral with Vupe.Documents (PDFsharp 6.2.4, RSA-3072 CMS, development CA
# kept in $TMPDIR/vupe-documents-bench): warm single-thread median, then 2 workers for ~10 s, then the whole
# certificado-unico-laboral procedure end to end on SQLite with the simulated back offices at zero latency.
#   bench/documents.sh [seconds=10] [workers=2]
# Works from any directory. The last line is always:
#   cul_render_sign_ms=<median> cul_per_s=<n> cul_end_to_end_ms=<median>
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
case "${1:-}" in -h|--help) sed -n '2,7p' "${BASH_SOURCE[0]}"; exit 0 ;; esac

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "# machine: $(nproc) cores, $(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -n1), $(uname -sr)"
echo "# dotnet $(dotnet --version), commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)" \
  "(documents/ has $(git -C "$root" status --porcelain -- documents 2>/dev/null | wc -l | tr -d ' ') uncommitted changes)"
echo "# load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown) (before)"
echo "# building bench/Vupe.Bench.Documents (Release)"
dotnet build "$here/Vupe.Bench.Documents" -c Release --nologo -v q >/dev/null
result="$(dotnet "$here/Vupe.Bench.Documents/bin/Release/net10.0/Vupe.Bench.Documents.dll" "$@")"
echo "$result" | grep '^#'
echo "# load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown) (after)"
echo "$result" | grep -v '^#'
