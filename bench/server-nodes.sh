# Sourced by bench/load.sh, bench/cluster.sh and bench/portal-pages.sh: starts Release server nodes on 127.0.0.1 and a durable PostgreSQL.
# Needs $root (the repository), $work (a scratch folder removed by the caller) and $server_dll (scripts/publish-server.sh).

bench_postgres() {
    # A PostgreSQL of the benches' own, with fsync on (the tests' instance runs without it).
    VUPE_PG_PORT="${VUPE_BENCH_PG_PORT:-55433}" VUPE_PG_DIR="${VUPE_BENCH_PG_DIR:-/tmp/vupe-bench-pg}" VUPE_PG_FSYNC=on \
        "$root/scripts/start-test-postgres.sh"
}

bench_stop_postgres() {
    VUPE_PG_PORT="${VUPE_BENCH_PG_PORT:-55433}" VUPE_PG_DIR="${VUPE_BENCH_PG_DIR:-/tmp/vupe-bench-pg}" "$root/scripts/stop-test-postgres.sh"
}

# bench_new_database <server connection string> → connection string of a new empty database
bench_new_database() {
    local server="$1" name="vupe_bench_$(date +%s%N)"
    local port; port=$(echo "$server" | sed -n 's/.*Port=\([0-9]*\).*/\1/p')
    psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "CREATE DATABASE $name" >/dev/null
    echo "${server/Database=postgres/Database=$name}"
}

node_pids=()
declare -A node_pid_of=()

# bench_start_node <name> <port> <cpu list or ""> <settings...>: starts a node in the background, logs in $work/<name>.log
bench_start_node() {
    local name="$1" port="$2" cpus="$3"; shift 3
    local pin=()
    [ -n "$cpus" ] && pin=(taskset -c "$cpus")
    ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning Vupe__NodeName="$name" \
        "${pin[@]}" dotnet "${server_dll:-$root/server/Vupe.Server/bin/publish/Vupe.Server.dll}" --contentRoot "$root/server/Vupe.Server" \
        --urls "http://127.0.0.1:$port" --Vupe:SeedDemoData=false "$@" >"$work/$name.log" 2>&1 &
    node_pids+=($!)
    node_pid_of[$name]=$!
}

# bench_wait_node <name> <port>: until the node answers (its 401 to an anonymous call)
bench_wait_node() {
    local name="$1" port="$2" pid="${node_pid_of[$1]}"
    for _ in $(seq 1 600); do
        if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/auth/me" 2>/dev/null)" = 401 ]; then return 0; fi
        if ! kill -0 "$pid" 2>/dev/null; then echo "node $name stopped:"; tail -n 40 "$work/$name.log"; return 1; fi
        sleep 0.1
    done
    echo "node $name did not answer:"; tail -n 40 "$work/$name.log"; return 1
}

bench_node_cpu() {
    local total=0
    for pid in "${node_pids[@]}"; do
        local t; t=$(ps -o times= -p "$pid" 2>/dev/null | tr -d ' ')
        total=$((total + ${t:-0}))
    done
    echo "$total"
}

bench_stop_nodes() {
    for pid in "${node_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${node_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    node_pids=()
    node_pid_of=()
}
