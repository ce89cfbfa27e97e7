# shellcheck shell=bash
# Shared helpers for starting a private PostgreSQL server from the plain
# server binaries (no pg_ctlcluster, no systemd). Sourced by tests/run.sh and
# deploy/local-cluster.sh; not meant to be executed directly.
#
# After pg_ensure_binaries:  PG_BIN (dir with initdb/pg_ctl/postgres/psql), PG_VERSION_STRING
# After pg_start:            PG_PORT
#
# Overrides:
#   CAMPAIGNS_PG_BIN        use this bin dir instead of searching
#   CAMPAIGNS_PG_PORT_BASE  first port to try (default 54320)

PG_LOG_PREFIX=${PG_LOG_PREFIX:-postgres}

pg_info() { printf '%s: %s\n' "$PG_LOG_PREFIX" "$*"; }
pg_die() { printf '%s: error: %s\n' "$PG_LOG_PREFIX" "$*" >&2; exit 1; }

# Prints the newest /usr/lib/postgresql/<ver>/bin/initdb, or nothing.
pg_find_initdb() {
    local -a found=()
    local f
    for f in /usr/lib/postgresql/*/bin/initdb; do
        [[ -x $f ]] && found+=("$f")
    done
    ((${#found[@]})) || return 0
    printf '%s\n' "${found[@]}" | sort -V | tail -n 1
}

# apt-get install postgresql, as root directly or via sudo. Output goes to $1.
pg_apt_install() {
    local log=$1
    local -a sudo=()
    command -v apt-get >/dev/null 2>&1 ||
        pg_die "PostgreSQL server binaries not found and apt-get is unavailable; install PostgreSQL or set CAMPAIGNS_PG_BIN"
    if ((EUID != 0)); then
        command -v sudo >/dev/null 2>&1 ||
            pg_die "PostgreSQL server binaries not found; run as root or install sudo (or: apt-get install postgresql)"
        sudo=(sudo)
    fi
    pg_info "PostgreSQL server not found; installing it with apt-get (once per machine)..."
    if ! "${sudo[@]}" apt-get update -q >"$log" 2>&1 ||
        ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >>"$log" 2>&1; then
        tail -n 40 "$log" >&2
        pg_die "apt-get install postgresql failed (full log above)"
    fi
}

# Sets PG_BIN and PG_VERSION_STRING; installs PostgreSQL if needed.
# $1: file for installer output.
pg_ensure_binaries() {
    local initdb=""
    if [[ -n ${CAMPAIGNS_PG_BIN:-} ]]; then
        initdb="$CAMPAIGNS_PG_BIN/initdb"
        [[ -x $initdb ]] || pg_die "CAMPAIGNS_PG_BIN=$CAMPAIGNS_PG_BIN has no executable initdb"
    else
        initdb=$(pg_find_initdb)
        if [[ -z $initdb ]]; then
            pg_apt_install "$1"
            initdb=$(pg_find_initdb)
            [[ -n $initdb ]] || pg_die "apt-get installed postgresql but no /usr/lib/postgresql/*/bin/initdb exists"
        fi
    fi
    PG_BIN=$(dirname "$initdb")
    # shellcheck disable=SC2034 # used by the sourcing script
    PG_VERSION_STRING=$("$PG_BIN/postgres" --version)
}

# The OS user that owns and runs the cluster: initdb refuses to run as root.
pg_os_user() {
    if ((EUID == 0)); then echo postgres; else id -un; fi
}

# Runs a command as the cluster owner.
pg_as_owner() {
    if ((EUID == 0)); then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# Root only: make sure the postgres OS user exists (the Debian package creates it)
# and owns (and can reach) the given directory.
pg_prepare_owner_dir() {
    local dir=$1
    ((EUID == 0)) || return 0
    id postgres >/dev/null 2>&1 ||
        pg_die "running as root but there is no 'postgres' OS user to run the server as (apt-get install postgresql creates it)"
    chown -R postgres: "$dir"
    runuser -u postgres -- test -w "$dir" ||
        pg_die "user postgres cannot write $dir (is a parent directory private to root?)"
}

# 0 if something listens on 127.0.0.1:$1 (or the port is otherwise taken).
pg_port_in_use() {
    local port=$1
    if command -v ss >/dev/null 2>&1; then
        [[ -n $(ss -Htln "sport = :$port" 2>/dev/null) ]] && return 0
    fi
    # A successful connect means a listener exists.
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    return 1
}

# Prints the first free port >= $1.
pg_free_port() {
    local port=$1 limit=$(($1 + 200))
    while ((port < limit)); do
        if ! pg_port_in_use "$port"; then
            echo "$port"
            return 0
        fi
        port=$((port + 1))
    done
    pg_die "no free TCP port found in $1..$limit"
}

# initdb a new cluster in $1 (must not exist or be empty; parent owned by the
# cluster owner). $2: log file. Extra postgresql.conf lines on stdin.
pg_initdb() {
    local data=$1 log=$2
    local -a locale=(--no-locale)
    # C.UTF-8 gives Unicode-aware upper()/lower() with byte-order collation.
    if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then
        locale=(--locale=C.UTF-8)
    fi
    if ! pg_as_owner "$PG_BIN/initdb" -D "$data" -A trust -U postgres -E UTF8 "${locale[@]}" >"$log" 2>&1; then
        cat "$log" >&2
        pg_die "initdb failed"
    fi
    # Appended as the owner so file ownership stays right.
    pg_as_owner tee -a "$data/postgresql.conf" >/dev/null
}

# Starts the cluster in $1 on a free port (first tried: $3, else
# CAMPAIGNS_PG_PORT_BASE or 54320), logging to $2. Retries on the next port if
# another process grabs the chosen one first. Sets PG_PORT.
pg_start() {
    local data=$1 log=$2 port=${3:-${CAMPAIGNS_PG_PORT_BASE:-54320}} attempt
    for attempt in 1 2 3 4 5 6 7 8 9 10; do
        port=$(pg_free_port "$port")
        if pg_as_owner "$PG_BIN/pg_ctl" -D "$data" -l "$log" -w -t 60 -o "-p $port" start >/dev/null 2>&1; then
            # shellcheck disable=SC2034 # used by the sourcing script
            PG_PORT=$port
            if ! "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -t 30; then
                tail -n 40 "$log" >&2
                pg_die "PostgreSQL started but is not accepting connections on 127.0.0.1:$port"
            fi
            return 0
        fi
        if grep -qiE 'could not (bind|create listen socket)|address already in use' "$log" 2>/dev/null; then
            port=$((port + 1)) # lost a race for the port: try the next one
            continue
        fi
        tail -n 40 "$log" >&2
        pg_die "pg_ctl start failed (log above: $log)"
    done
    pg_die "could not start PostgreSQL after $attempt attempts (ports in use)"
}

# Stops the cluster in $1 (mode $2: immediate|fast). Never fails; if pg_ctl
# cannot stop it, kills the postmaster we started (pid from postmaster.pid).
pg_stop() {
    local data=$1 mode=${2:-fast} pid
    [[ -f $data/postmaster.pid ]] || return 0
    pg_as_owner "$PG_BIN/pg_ctl" -D "$data" -m "$mode" -w -t 30 stop >/dev/null 2>&1 && return 0
    pid=$(head -n 1 "$data/postmaster.pid" 2>/dev/null || true)
    if [[ $pid =~ ^[0-9]+$ ]]; then
        kill -KILL "$pid" 2>/dev/null || true
    fi
    return 0
}
