#!/usr/bin/env bash
# Runs a small Campaigns cluster on this machine: one PostgreSQL server plus
# N silos of src/Campaigns.Host, each its own process.
#
#   deploy/local-cluster.sh [start] [N]   start PostgreSQL and N silos (default 2, max 3)
#   deploy/local-cluster.sh stop          stop the silos and PostgreSQL (data is kept)
#   deploy/local-cluster.sh status        show what is running
#   deploy/local-cluster.sh purge         stop, then delete the PostgreSQL data and logs
#
# Silo i (1..N): HTTP http://127.0.0.1:508<i>, silo port 1111<i> (listening on 127.0.0.1
# only, the address every silo advertises), log data/local-cluster/silo<i>.log.
#
# Environment:
#   CLUSTER_HTTP_PORT_BASE, CLUSTER_SILO_PORT_BASE   silo i listens on base + i (defaults 5080 and 11110)
#   ADMIN_KEY      admin key for all silos (default: generated once, kept in data/local-cluster/admin-key)
#   PG_DATA_DIR    PostgreSQL data directory (default: data/pg-cluster; persistent)
#   READY_TIMEOUT  seconds to wait for each silo's /health/ready (default 60)
#   CAMPAIGNS_PG_BIN, CAMPAIGNS_PG_PORT_BASE   see tests/lib/postgres.sh
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO_ROOT"

PG_LOG_PREFIX=local-cluster
# shellcheck source=tests/lib/postgres.sh
source "$REPO_ROOT/tests/lib/postgres.sh"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

STATE_DIR="$REPO_ROOT/data/local-cluster"
PG_DATA_DIR=${PG_DATA_DIR:-$REPO_ROOT/data/pg-cluster}
case $PG_DATA_DIR in /*) ;; *) PG_DATA_DIR="$REPO_ROOT/$PG_DATA_DIR" ;; esac
PG_PORT_FILE="$STATE_DIR/pg.port"
PG_LOG="$STATE_DIR/postgres.log"
DB_NAME=campaigns
MAX_SILOS=3
READY_TIMEOUT=${READY_TIMEOUT:-60}
HTTP_BASE=${CLUSTER_HTTP_PORT_BASE:-5080}
SILO_BASE=${CLUSTER_SILO_PORT_BASE:-11110}

usage() {
    sed -n '2,/^set -euo/{/^#/p}' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit "${1:-0}"
}

pid_alive() { [[ -n ${1:-} ]] && kill -0 "$1" 2>/dev/null; }
silo_pid() { cat "$STATE_DIR/silo$1.pid" 2>/dev/null || true; }

# Ensures $PG_DATA_DIR's owner can be the cluster owner (root: the postgres user).
prepare_pg_dir() {
    mkdir -p "$(dirname "$PG_DATA_DIR")"
    if ((EUID == 0)); then
        id postgres >/dev/null 2>&1 || pg_die "no 'postgres' OS user to run the server as"
        if ! runuser -u postgres -- test -x "$(dirname "$PG_DATA_DIR")"; then
            pg_die "user postgres cannot reach $(dirname "$PG_DATA_DIR"); set PG_DATA_DIR to a directory it can use, e.g. PG_DATA_DIR=/var/tmp/campaigns-pg"
        fi
    fi
}

pg_running() {
    [[ -n ${PG_BIN:-} && -f $PG_DATA_DIR/postmaster.pid ]] &&
        pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DATA_DIR" status >/dev/null 2>&1
}

start_postgres() {
    mkdir -p "$STATE_DIR"
    pg_ensure_binaries "$STATE_DIR/apt.log"
    if pg_running; then
        # Line 4 of postmaster.pid is the port the server listens on.
        PG_PORT=$(sed -n 4p "$PG_DATA_DIR/postmaster.pid")
        echo "$PG_PORT" >"$PG_PORT_FILE"
        pg_info "PostgreSQL already running on 127.0.0.1:$PG_PORT ($PG_DATA_DIR)"
        return 0
    fi
    prepare_pg_dir
    if [[ ! -f $PG_DATA_DIR/PG_VERSION ]]; then
        pg_info "creating PostgreSQL cluster in $PG_DATA_DIR"
        if ((EUID == 0)); then
            mkdir -p "$PG_DATA_DIR"
            chown postgres: "$PG_DATA_DIR"
        fi
        # Local development only: trust auth, TCP on loopback, no Unix socket.
        pg_initdb "$PG_DATA_DIR" "$STATE_DIR/initdb.log" <<'EOF'

# --- deploy/local-cluster.sh ---
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
max_connections = 200
EOF
    fi
    # The server log must be writable by the cluster owner.
    touch "$PG_LOG"
    ((EUID != 0)) || chown postgres: "$PG_LOG"
    # Prefer the port used last time so connection strings stay stable.
    local preferred=""
    [[ -s $PG_PORT_FILE ]] && preferred=$(cat "$PG_PORT_FILE")
    pg_start "$PG_DATA_DIR" "$PG_LOG" "$preferred"
    echo "$PG_PORT" >"$PG_PORT_FILE"
    pg_info "$PG_VERSION_STRING running on 127.0.0.1:$PG_PORT ($PG_DATA_DIR)"
}

ensure_database() {
    local exists
    exists=$("$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")
    if [[ $exists != 1 ]]; then
        "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres "$DB_NAME"
        pg_info "created database $DB_NAME"
    fi
}

admin_key() {
    if [[ -n ${ADMIN_KEY:-} ]]; then
        return 0
    fi
    if [[ -s $STATE_DIR/admin-key ]]; then
        ADMIN_KEY=$(cat "$STATE_DIR/admin-key")
    else
        ADMIN_KEY=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
        (umask 077 && echo "$ADMIN_KEY" >"$STATE_DIR/admin-key")
        pg_info "generated an admin key (kept in $STATE_DIR/admin-key)"
    fi
}

# HTTP status of GET $1, or 000. Uses curl when present, else bash /dev/tcp.
http_status() {
    local url=$1
    if command -v curl >/dev/null 2>&1; then
        curl -s -o /dev/null -m 5 -w '%{http_code}' "$url" 2>/dev/null || echo 000
        return 0
    fi
    local rest=${url#http://} hostport path host port line
    hostport=${rest%%/*}
    path=/${rest#*/}
    host=${hostport%:*}
    port=${hostport##*:}
    line=$(
        exec 2>/dev/null
        exec 3<>"/dev/tcp/$host/$port" || exit 0
        printf 'GET %s HTTP/1.0\r\nHost: %s\r\nConnection: close\r\n\r\n' "$path" "$hostport" >&3
        timeout 5 head -n 1 <&3
    ) || true
    line=${line#HTTP/* }
    echo "${line:0:3}" | grep -E '^[0-9]{3}$' || echo 000
}

start_silo() {
    local i=$1
    local pid log="$STATE_DIR/silo$i.log" port
    pid=$(silo_pid "$i")
    if pid_alive "$pid"; then
        pg_info "silo $i already running (pid $pid)"
        return 0
    fi
    for port in $((HTTP_BASE + i)) $((SILO_BASE + i)); do
        pg_port_in_use "$port" && pg_die "port $port (needed by silo $i) is already in use"
    done
    mkdir -p "$STATE_DIR/silo$i"
    # setsid: own process group, so `stop` can signal dotnet run and the host it starts.
    env \
        Campaigns__Storage__Provider=PostgreSql \
        "ConnectionStrings__Campaigns=Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=$DB_NAME;Maximum Pool Size=20" \
        "Campaigns__Cluster__SiloPort=$((SILO_BASE + i))" \
        "Campaigns__Cluster__AdvertisedIP=127.0.0.1" \
        "Campaigns__AdminKey=$ADMIN_KEY" \
        "Campaigns__DataDirectory=$STATE_DIR/silo$i" \
        "ASPNETCORE_URLS=http://127.0.0.1:$((HTTP_BASE + i))" \
        setsid dotnet run --project src/Campaigns.Host -c Release --no-build --no-launch-profile \
        >"$log" 2>&1 </dev/null &
    echo $! >"$STATE_DIR/silo$i.pid"
    pg_info "silo $i started (pid $!, log $log)"
}

wait_ready() {
    local i=$1
    local url="http://127.0.0.1:$((HTTP_BASE + i))/health/ready" deadline=$((SECONDS + READY_TIMEOUT)) status=000 pid
    pid=$(silo_pid "$i")
    while ((SECONDS < deadline)); do
        status=$(http_status "$url")
        [[ $status == 200 ]] && return 0
        if ! pid_alive "$pid"; then
            tail -n 30 "$STATE_DIR/silo$i.log" >&2 || true
            pg_die "silo $i exited during startup (log above: $STATE_DIR/silo$i.log)"
        fi
        sleep 1
    done
    tail -n 30 "$STATE_DIR/silo$i.log" >&2 || true
    pg_die "silo $i: $url did not answer 200 within ${READY_TIMEOUT}s (last status $status); silos are left running for inspection, stop them with: deploy/local-cluster.sh stop"
}

stop_silo() {
    local i=$1 pid n
    pid=$(silo_pid "$i")
    rm -f "$STATE_DIR/silo$i.pid"
    pid_alive "$pid" || return 0
    # Graceful first (Orleans leaves the cluster cleanly on SIGTERM), then force.
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for ((n = 0; n < 30; n++)); do
        pid_alive "$pid" || break
        sleep 1
    done
    if pid_alive "$pid"; then
        kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
    pg_info "silo $i stopped"
}

cmd_start() {
    local n=${1:-2} i
    if ! [[ $n =~ ^[1-9][0-9]*$ ]] || ((n > MAX_SILOS)); then
        pg_die "number of silos must be 1..$MAX_SILOS (got '$n')"
    fi
    command -v dotnet >/dev/null 2>&1 || pg_die "dotnet (the .NET 10 SDK) is not on PATH"
    command -v setsid >/dev/null 2>&1 || pg_die "setsid (util-linux) is required"
    start_postgres
    ensure_database
    admin_key

    pg_info "building src/Campaigns.Host (Release)..."
    if ! dotnet build src/Campaigns.Host -c Release -nologo >"$STATE_DIR/build.log" 2>&1; then
        grep -E ': (error|warning) ' "$STATE_DIR/build.log" | sort -u | tail -n 30 >&2 || tail -n 30 "$STATE_DIR/build.log" >&2
        pg_die "build failed (full log: $STATE_DIR/build.log)"
    fi

    for ((i = 1; i <= n; i++)); do
        start_silo "$i"
    done
    for ((i = 1; i <= n; i++)); do
        wait_ready "$i"
        pg_info "silo $i ready"
    done

    echo
    echo "Campaigns local cluster: $n silo(s)"
    for ((i = 1; i <= n; i++)); do
        echo "  silo $i: http://127.0.0.1:$((HTTP_BASE + i))   (silo port $((SILO_BASE + i)), log data/local-cluster/silo$i.log)"
    done
    echo "  PostgreSQL: Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=$DB_NAME  (data $PG_DATA_DIR)"
    echo "  Admin key:  $ADMIN_KEY"
    echo "  Stop with:  deploy/local-cluster.sh stop"
}

cmd_stop() {
    local i
    for ((i = 1; i <= MAX_SILOS; i++)); do
        stop_silo "$i"
    done
    if [[ -f $PG_DATA_DIR/postmaster.pid ]]; then
        pg_ensure_binaries "$STATE_DIR/apt.log"
        pg_stop "$PG_DATA_DIR" fast
        pg_info "PostgreSQL stopped"
    fi
}

cmd_status() {
    local i pid
    for ((i = 1; i <= MAX_SILOS; i++)); do
        pid=$(silo_pid "$i")
        if pid_alive "$pid"; then
            echo "silo $i: running (pid $pid), http://127.0.0.1:$((HTTP_BASE + i)), ready: $(http_status "http://127.0.0.1:$((HTTP_BASE + i))/health/ready")"
        fi
    done
    if [[ -f $PG_DATA_DIR/postmaster.pid ]]; then
        echo "PostgreSQL: running on 127.0.0.1:$(sed -n 4p "$PG_DATA_DIR/postmaster.pid") ($PG_DATA_DIR)"
    else
        echo "PostgreSQL: not running"
    fi
}

case ${1:-start} in
    start) cmd_start "${2:-2}" ;;
    [1-9]) cmd_start "$1" ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    purge)
        cmd_stop
        rm -rf "$PG_DATA_DIR" "$STATE_DIR"
        pg_info "deleted $PG_DATA_DIR and $STATE_DIR"
        ;;
    -h | --help | help) usage ;;
    *) usage 2 >&2 ;;
esac
