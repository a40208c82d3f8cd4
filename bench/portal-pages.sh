#!/usr/bin/env bash
# Mi VUPE on a throttled phone (issue 18 targets: every portal page ≤ 150 KB compressed, first contentful paint < 1.5 s,
# its form usable < 3 s with DevTools' "Fast 3G" and the CPU slowed ×4). Starts the precompiled server on 127.0.0.1
# with a fresh SQLite data folder, signs a citizen up through the pages, and loads every portal page cold (the public
# ones and each /mi-vupe page the signed-in home links to) in headless chromium (Playwright, Debian's chromium).
#   bench/portal-pages.sh [--runs 3]
# Last line: pages=<n> max_kb_gzip=<x> max_fcp_ms=<y> max_usable_ms=<z> over_target=<k>
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
case "${1:-}" in -h|--help) sed -n '2,7p' "${BASH_SOURCE[0]}"; exit 0 ;; esac
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

port="${VUPE_BENCH_PORT:-5099}"
data="$(mktemp -d "${TMPDIR:-/tmp}/vupe-portal.XXXXXX")"
echo "# machine: $(nproc) cores, $(uname -sr); dotnet $(dotnet --version), $(${VUPE_CHROMIUM:-/usr/bin/chromium} --version 2>/dev/null | head -n1), commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "# load average $(cut -d' ' -f1-3 /proc/loadavg) (before); data folder $data"
echo "# building the server (ReadyToRun publish) and the bench (Release)"
server_dll="$("$root/scripts/publish-server.sh")"
dotnet build "$here/Vupe.Bench.Portal" -c Release --nologo -v q >/dev/null

server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$data"
}
trap cleanup EXIT

# Development: the RENIEC simulator and the mail pickup folder the sign-up's code is read from.
ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning \
    dotnet "$server_dll" --contentRoot "$root/server/Vupe.Server" --urls "http://127.0.0.1:$port" --Vupe:DataDirectory="$data" \
    --Vupe:SeedDemoData=false >"$data/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 600); do
    if curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/mi-vupe/ingresar" 2>/dev/null | grep -q 200; then break; fi
    if ! kill -0 "$server_pid" 2>/dev/null; then echo "the server stopped:"; cat "$data/server.log"; exit 1; fi
    sleep 0.1
done

dotnet "$here/Vupe.Bench.Portal/bin/Release/net10.0/Vupe.Bench.Portal.dll" --url "http://127.0.0.1:$port" --data "$data" "$@"
echo "# load average $(cut -d' ' -f1-3 /proc/loadavg) (after)"
