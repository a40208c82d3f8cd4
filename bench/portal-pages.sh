#!/usr/bin/env bash
# Mi VUPE and VUPE Empresas on a throttled phone (issue 18 targets: every portal page ≤ 150 KB compressed, first
# contentful paint < 1.5 s, its form usable < 3 s with DevTools' "Fast 3G" and the CPU slowed ×4). Starts the
# precompiled server on 127.0.0.1 with a fresh SQLite data folder, signs a citizen and a company up through the pages
# (the company drafts a vacancy), and loads every portal page cold (the public ones and each /mi-vupe and /empresas page
# the signed-in homes link to) in headless chromium (Playwright, Debian's chromium).
#   bench/portal-pages.sh [--runs 3]
# Last line: pages=<n> max_kb_gzip=<x> max_fcp_ms=<y> max_usable_ms=<z> over_target=<k>
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
case "${1:-}" in -h|--help) sed -n '2,8p' "${BASH_SOURCE[0]}"; exit 0 ;; esac
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

port="${VUPE_BENCH_PORT:-5099}"
work="$(mktemp -d "${TMPDIR:-/tmp}/vupe-portal.XXXXXX")"
data="$work/data"
echo "# machine: $(nproc) cores, $(uname -sr); dotnet $(dotnet --version), $(${VUPE_CHROMIUM:-/usr/bin/chromium} --version 2>/dev/null | head -n1), commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "# load average $(cut -d' ' -f1-3 /proc/loadavg) (before); data folder $data"
echo "# building the server (ReadyToRun publish) and the bench (Release)"
server_dll="$("$root/scripts/publish-server.sh")"
dotnet build "$here/Vupe.Bench.Portal" -c Release --nologo -v q >/dev/null

source "$here/server-nodes.sh"
trap 'bench_stop_nodes; rm -rf "$work"' EXIT
# Development: the RENIEC and SUNAT simulators and the mail pickup folder the sign-ups' codes are read from.
bench_start_node portal "$port" "" --Vupe:DataDirectory="$data"
bench_wait_node portal "$port"

dotnet "$here/Vupe.Bench.Portal/bin/Release/net10.0/Vupe.Bench.Portal.dll" --url "http://127.0.0.1:$port" --data "$data" "$@"
echo "# load average $(cut -d' ' -f1-3 /proc/loadavg) (after)"
