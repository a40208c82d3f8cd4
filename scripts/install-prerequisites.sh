#!/usr/bin/env bash
# Installs what building and testing need on a fresh Debian machine of this project's kind.
# Idempotent: does nothing when everything is present. Needs root (or sudo) only to install.
set -euo pipefail

need=()
command -v dotnet >/dev/null 2>&1 || { echo "The .NET 10 SDK is required (dotnet not on PATH)." >&2; exit 1; }
# PostgreSQL: the engine's tests run the provider switch against a real server.
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
# Signed PDFs are checked by independent tools: poppler's pdfsig and qpdf --check.
command -v pdfsig >/dev/null 2>&1 || need+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || need+=(qpdf)
# The UI tests drive Debian's chromium through Playwright (browsers cannot be downloaded here).
command -v chromium >/dev/null 2>&1 || need+=(chromium)
# The committed browser bundles are checked against designer/ (scripts/check-ui-bundles.sh): node and npm.
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)

if [ ${#need[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "Installing: ${need[*]}"
    $sudo apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
