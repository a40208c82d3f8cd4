#!/usr/bin/env bash
# Issues a Certificado Único Laboral for a simulated citizen through the real procedure and writes the signed PDF.
# Embedded defaults: SQLite, simulated back offices, a development signing CA; no server is needed.
#   samples/cul-demo.sh <out.pdf> [dni] [data-dir]
# Check the result with: pdfsig <out.pdf>; qpdf --check <out.pdf>
set -euo pipefail
if [ $# -lt 1 ]; then
    sed -n '2,5p' "${BASH_SOURCE[0]}" >&2
    exit 2
fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(realpath -m "$1")"
shift
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet run --project "$root/samples/Vupe.Samples.Cul" -c Release -- "$out" "$@"
