#!/usr/bin/env bash
# Fuzzing (issue 17): FEEL expressions, DMN, BPMN and form schemas (mutations of the catalogue's files) and API JSON
# payloads (open case, complete task, evaluate decision, deploy validate), with CsCheck and fixed seeds — the same
# tests as CI (tests/Vupe.Server.Tests/FuzzTests.cs, 1,000 inputs per format) with more inputs.
#   bench/fuzz.sh              10,000 inputs per format
#   bench/fuzz.sh --inputs N   N per format
# A failure is an exception other than the format's documented refusal, an evaluation that does not finish, a 500, or
# a refused request that wrote something. One line per format, then the last line: inputs=<n> failures=<n>.
set -euo pipefail
cd "$(dirname "$0")/.."
inputs=10000
while [[ $# -gt 0 ]]; do
  case "$1" in
    --inputs) inputs="$2"; shift 2 ;;
    *) echo "usage: bench/fuzz.sh [--inputs N]" >&2; exit 2 ;;
  esac
done
report="$(mktemp)"
trap 'rm -f "$report"' EXIT
dotnet build tests/Vupe.Server.Tests --nologo -v q >/dev/null
VUPE_FUZZ_INPUTS="$inputs" VUPE_FUZZ_REPORT="$report" \
  dotnet test tests/Vupe.Server.Tests --no-build --nologo --filter "TestCategory=Fuzz&FullyQualifiedName~FuzzTests" >/dev/null 2>&1 || true
cat "$report"
awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "inputs") n += kv[2]; if (kv[1] == "failures") f += kv[2] } } END { printf "inputs=%d failures=%d\n", n, f }' "$report"
# A format that did not report (a crash of the test host) counts as a failure of the run.
[[ "$(wc -l < "$report")" -eq 5 ]] || { echo "a fuzz format did not report" >&2; exit 1; }
