#!/usr/bin/env bash
# Deploying the whole catalogue through the API (issue 14 target: < 1 s): every file of workflows/processes,
# workflows/decisions and workflows/forms in one POST /api/deployments (multipart, field "files"), as
# supervisor.nacional, against a Release server on 127.0.0.1 with a fresh SQLite data folder.
#   bench/deploy.sh [rounds=5]
# Each round deploys the catalogue twice: once with every file changed (a comment appended: every process, decision
# and form gets a new version, all validated), then the same files again (every file recognised, no new version).
# Last line: files=<n> bytes=<n> unchanged_p50_s=<x> changed_p50_s=<x> changed_max_s=<x>
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
case "${1:-}" in -h|--help) sed -n '2,8p' "${BASH_SOURCE[0]}"; exit 0 ;; esac
rounds="${1:-5}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

port="${VUPE_BENCH_PORT:-5098}"
data="$(mktemp -d "${TMPDIR:-/tmp}/vupe-deploy.XXXXXX")"
echo "# machine: $(nproc) cores, $(uname -sr); dotnet $(dotnet --version), commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "# load average $(cut -d' ' -f1-3 /proc/loadavg) (before); data folder $data"
dotnet build "$root/server/Vupe.Server" -c Release --nologo -v q >/dev/null

server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$data"
}
trap cleanup EXIT

ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning \
    dotnet "$root/server/Vupe.Server/bin/Release/net10.0/Vupe.Server.dll" --contentRoot "$root/server/Vupe.Server" --urls "http://127.0.0.1:$port" \
    --Vupe:DataDirectory="$data" --Vupe:SeedDemoData=false >"$data/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 300); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/auth/me" 2>/dev/null)" = 401 ]; then break; fi
    if ! kill -0 "$server_pid" 2>/dev/null; then echo "the server stopped:"; cat "$data/server.log"; exit 1; fi
    sleep 0.1
done

token="$(curl -fsS -H 'Content-Type: application/json' -d '{"userName":"supervisor.nacional","password":"Vupe.Demo.2026"}' \
    "http://127.0.0.1:$port/api/auth/token" | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')"
[ -n "$token" ] || { echo "no token for supervisor.nacional"; exit 1; }

files=("$root"/workflows/processes/*.bpmn "$root"/workflows/decisions/*.dmn "$root"/workflows/forms/*.form.json)
bytes=$(cat "${files[@]}" | wc -c)
echo "# ${#files[@]} files, $bytes bytes"

# deploy <folder>: one POST with every file of the folder; prints the seconds and the number of new versions.
deploy() {
    local args=() f
    for f in "$1"/*; do args+=(-F "files=@$f"); done
    curl -sS -o "$data/answer.json" -w '%{http_code} %{time_total}' -H "Authorization: Bearer $token" "${args[@]}" \
        -F "name=bench" "http://127.0.0.1:$port/api/deployments"
}

unchanged=(); changed=()
for round in $(seq 1 "$rounds"); do
    # A trailing comment changes every file's bytes (JSON takes no comment: an extra member instead).
    rm -rf "$data/round"; mkdir -p "$data/round"
    for f in "${files[@]}"; do
        case "$f" in
            *.json) sed "0,/\"id\"/s/\"id\"/\"x-bench-round\": $round, \"id\"/" "$f" >"$data/round/$(basename "$f")" ;;
            *) { cat "$f"; echo "<!-- bench round $round -->"; } >"$data/round/$(basename "$f")" ;;
        esac
    done
    read -r status seconds <<<"$(deploy "$data/round")"
    [ "$status" = 201 ] || { echo "changed deployment answered $status:"; cat "$data/answer.json"; exit 1; }
    node -e 'const a = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); process.exit(a.unchanged.length === 0 ? 0 : 1);' \
        "$data/answer.json" || { echo "a changed file made no new version:"; cat "$data/answer.json"; exit 1; }
    changed+=("$seconds")

    # The same files again: every one recognised, no new version.
    read -r status seconds <<<"$(deploy "$data/round")"
    [ "$status" = 201 ] || { echo "unchanged deployment answered $status:"; cat "$data/answer.json"; exit 1; }
    node -e 'const a = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
        const all = [...a.processes, ...a.decisions, ...a.forms].map((i) => i.id);
        process.exit(all.length > 0 && all.every((id) => a.unchanged.includes(id)) ? 0 : 1);' "$data/answer.json" \
        || { echo "the unchanged deployment made new versions:"; cat "$data/answer.json"; exit 1; }
    unchanged+=("$seconds")
    echo "# round $round: changed ${changed[-1]} s, unchanged ${unchanged[-1]} s"
done

median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
maximum() { printf '%s\n' "$@" | sort -g | tail -n1; }
echo "# load average $(cut -d' ' -f1-3 /proc/loadavg) (after)"
echo "files=${#files[@]} bytes=$bytes unchanged_p50_s=$(median "${unchanged[@]}") changed_p50_s=$(median "${changed[@]}") changed_max_s=$(maximum "${changed[@]}")"
