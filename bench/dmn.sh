#!/usr/bin/env bash
# Decision throughput (issue 5 target: a triage decision of >= 30 rules and 10 inputs at >= 200,000
# evaluations/s on one core). Last line: evaluations_per_s=<n>.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/Vupe.Bench.Dmn -c Release --nologo -v q >/dev/null
line=$(dotnet bench/Vupe.Bench.Dmn/bin/Release/net10.0/Vupe.Bench.Dmn.dll "$@")
echo "$line"
echo "evaluations_per_s=$(echo "$line" | sed -E 's/.*evaluations_per_s=([0-9]+).*/\1/')"
