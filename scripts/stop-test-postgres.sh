#!/usr/bin/env bash
set -euo pipefail
dir="${VUPE_PG_DIR:-/tmp/vupe-test-pg}"
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] && [ -f "$dir/PG_VERSION" ] || exit 0
if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$bin/pg_ctl" -D "$dir" -m fast stop >/dev/null 2>&1 || true
else "$bin/pg_ctl" -D "$dir" -m fast stop >/dev/null 2>&1 || true; fi
