#!/usr/bin/env bash
# Validation feedback in the process modeler (issue 14 target: < 300 ms after an edit on the largest catalogue
# process). Starts a Release server on 127.0.0.1 with a fresh SQLite data folder, opens the catalogue process with the
# most elements in /disenador/proceso in headless chromium (Playwright, Debian's chromium), makes N edits (moving and
# renaming tasks) and times each from the change until bpmnlint's markers and the engine's validation are shown.
#   bench/modeler.sh [--edits 30] [--warmup 3]
# Last line: modeler_validation_p95_ms=<x> lint_p95_ms=<y>
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
case "${1:-}" in -h|--help) sed -n '2,7p' "${BASH_SOURCE[0]}"; exit 0 ;; esac
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

port="${VUPE_BENCH_PORT:-5098}"
data="$(mktemp -d "${TMPDIR:-/tmp}/vupe-modeler.XXXXXX")"
echo "# machine: $(nproc) cores, $(uname -sr); dotnet $(dotnet --version), $(${VUPE_CHROMIUM:-/usr/bin/chromium} --version 2>/dev/null | head -n1), commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "# load average $(cut -d' ' -f1-3 /proc/loadavg) (before); data folder $data"
echo "# building the server and the bench (Release)"
dotnet build "$root/server/Vupe.Server" -c Release --nologo -v q >/dev/null
dotnet build "$here/Vupe.Bench.Modeler" -c Release --nologo -v q >/dev/null

server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$data"
}
trap cleanup EXIT

ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning \
    dotnet "$root/server/Vupe.Server/bin/Release/net10.0/Vupe.Server.dll" --contentRoot "$root/server/Vupe.Server" --urls "http://127.0.0.1:$port" --Vupe:DataDirectory="$data" \
    --Vupe:SeedDemoData=false >"$data/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 300); do
    if curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/ingresar" 2>/dev/null | grep -q 200; then break; fi
    if ! kill -0 "$server_pid" 2>/dev/null; then echo "the server stopped:"; cat "$data/server.log"; exit 1; fi
    sleep 0.1
done

dotnet "$here/Vupe.Bench.Modeler/bin/Release/net10.0/Vupe.Bench.Modeler.dll" --url "http://127.0.0.1:$port" "$@" | tee "$data/result.txt"
echo "# server CPU: $(ps -o times= -p "$server_pid" | tr -d ' ') s; load average $(cut -d' ' -f1-3 /proc/loadavg) (after)"
tail -n 1 "$data/result.txt"
