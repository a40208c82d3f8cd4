#!/usr/bin/env bash
# Runs every test case of a folder laid out like the DMN TCK's TestCases (case folders with .dmn and
# *-test-NN.xml files). Prints one line per decision it cannot compile (NOT COMPILED), one per failing case (FAIL)
# and ends with "N passed, N failed; N of M decisions and knowledge models compiled"; exit 1 on failures.
# Usage: tests/tck.sh tests/Vupe.Dmn.Tests/tck/compliance-level-2
set -euo pipefail
if [ $# -ne 1 ]; then
    echo "usage: $0 <folder>" >&2
    exit 2
fi
folder="$(cd "$1" && pwd)"
here="$(cd "$(dirname "$0")" && pwd)"
if ! build_log="$(dotnet build "$here/Vupe.Dmn.Tck/Vupe.Dmn.Tck.csproj" -c Release --nologo -v q 2>&1)"; then
    echo "$build_log" >&2
    exit 2
fi
exec dotnet "$here/Vupe.Dmn.Tck/bin/Release/net10.0/Vupe.Dmn.Tck.dll" "$folder"
