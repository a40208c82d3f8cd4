#!/usr/bin/env bash
# The whole test suite, as CI runs it. Installs what the tests need, builds, runs every NUnit
# project and ends with one line: "N passed, N failed, N skipped". Exit code 1 on any failure
# or when no test ran.
set -euo pipefail
cd "$(dirname "$0")"

./scripts/install-prerequisites.sh

# A real PostgreSQL server for the provider-switch tests; stopped when the run ends.
VUPE_TEST_POSTGRES="$(./scripts/start-test-postgres.sh)"
export VUPE_TEST_POSTGRES
trap ./scripts/stop-test-postgres.sh EXIT

results="$(pwd)/TestResults"
rm -rf "$results"
mkdir -p "$results"

status=0
dotnet test VupeCases.sln --nologo --logger "trx" --results-directory "$results" || status=$?

passed=0; failed=0; skipped=0
shopt -s nullglob
for trx in "$results"/*.trx; do
    # Count the results themselves: the <Counters> element miscounts ignored tests.
    p=$( (grep -o '<UnitTestResult [^>]*outcome="Passed"' "$trx" || true) | wc -l)
    f=$( (grep -o '<UnitTestResult [^>]*outcome="Failed"' "$trx" || true) | wc -l)
    s=$( (grep -o '<UnitTestResult [^>]*outcome="NotExecuted"' "$trx" || true) | wc -l)
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
done

echo "$passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
    exit 1
fi
