#!/usr/bin/env bash
# Decision throughput (issue 5 target: the triage decision, >= 30 rules and 10 inputs, at >= 200,000
# evaluations/s on one core). Measures a stand-in table and the VUPE triage decision itself
# (workflows/decisions/triaje-empleabilidad.dmn). Last line: evaluations_per_s=<n> (the VUPE triage).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/Vupe.Bench.Dmn -c Release --nologo -v q >/dev/null
dotnet bench/Vupe.Bench.Dmn/bin/Release/net10.0/Vupe.Bench.Dmn.dll "$@"
