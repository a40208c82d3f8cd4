#!/usr/bin/env bash
# Publishes the server precompiled (ReadyToRun) into server/Vupe.Server/bin/publish and prints the path of its dll.
# A JIT-only build spends most of a restart compiling (EF Core, ASP.NET Core and our own code): precompiled, the
# server is ready about a second and a half sooner (docs/benchmarks.md, "Restart to ready"). Hot code is still
# recompiled by the tiered JIT as it runs, so throughput is the same. Used by run.sh and the benches.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/server/Vupe.Server/bin/publish"
rid="$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! dotnet publish "$root/server/Vupe.Server" -c Release -r "${rid:-linux-x64}" --self-contained false -p:PublishReadyToRun=true \
    -o "$out" --nologo -v q >"$log" 2>&1; then
    cat "$log" >&2
    echo "publishing the server failed" >&2
    exit 1
fi
echo "$out/Vupe.Server.dll"
