#!/usr/bin/env bash
# Brings engine/Vupe.Engine/PublicAPI.Unshipped.txt in line with the code after a deliberate API change:
# adds the symbols the analyser reports as undeclared (RS0016) and drops those it reports as gone (RS0017).
# Review the diff: every line is a public promise.
set -euo pipefail
cd "$(dirname "$0")/.."
project=engine/Vupe.Engine
api=$project/PublicAPI.Unshipped.txt
out=$(dotnet build "$project" --no-incremental 2>&1 || true)
grep -oP "RS0016: Symbol '\K.*(?=' is not part of the declared public API)" <<<"$out" | sort -u >> "$api" || true
grep -oP "RS0017: Symbol '\K.*(?=' is part of the declared API, but)" <<<"$out" | sort -u | while IFS= read -r gone; do
    grep -vxF -- "$gone" "$api" > "$api.tmp" || true; mv "$api.tmp" "$api"
done
sort -u -o "$api" "$api"
dotnet build "$project" 2>&1 | grep -E " error |Build succeeded" | sort -u | head -20
