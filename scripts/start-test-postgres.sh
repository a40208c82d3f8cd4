#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server for the tests (no systemd needed) and prints its
# connection string. Reuses the server if it is already running. Stop it with stop-test-postgres.sh.
# VUPE_PG_PORT / VUPE_PG_DIR choose another instance; VUPE_PG_FSYNC=on makes it durable (benchmarks: the tests' own
# instance runs without fsync, which would flatter PostgreSQL against SQLite's durable commits).
set -euo pipefail
port="${VUPE_PG_PORT:-55432}"
dir="${VUPE_PG_DIR:-/tmp/vupe-test-pg}"
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if ! as_owner "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    if [ ! -f "$dir/PG_VERSION" ]; then
        rm -rf "$dir"
        if [ "$(id -u)" -eq 0 ]; then install -d -o postgres -g postgres "$dir"; else mkdir -p "$dir"; fi
        as_owner "$bin/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --no-sync >/dev/null
    fi
    as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/log" -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=${VUPE_PG_FSYNC:-off} -c max_connections=300" -w start >/dev/null
fi
echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
