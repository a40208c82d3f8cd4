#!/usr/bin/env bash
# Runs the product. Until the VUPE server exists (see the issues), this is the engine sample:
# it deploys the citizen-attention process to a SQLite file in ./data and drives a case through it.
set -euo pipefail
cd "$(dirname "$0")"
./scripts/install-prerequisites.sh
exec dotnet run --project samples/Vupe.Samples.Quickstart -c Release -- "${1:-data}"
