#!/usr/bin/env bash
# Runs the product: the VUPE server on http://127.0.0.1:5080 with SQLite in ./data (created and
# migrated on first run), the 27 offices, demo users and demo data, and the VUPE catalogue deployed.
# API reference: /scalar · OpenAPI: /openapi/v1.json · jobs (admin): /hangfire. Demo users in README.
set -euo pipefail
cd "$(dirname "$0")"
./scripts/install-prerequisites.sh
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
echo "Compilando el servidor (Release, precompilado)..." >&2
server="$(./scripts/publish-server.sh)"
exec dotnet "$server" --contentRoot "$(pwd)/server/Vupe.Server" --urls "${VUPE_URLS:-http://127.0.0.1:5080}" --Vupe:DataDirectory="$(pwd)/data"
