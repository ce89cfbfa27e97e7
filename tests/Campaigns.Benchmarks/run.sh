#!/usr/bin/env bash
# Campaigns macro benchmarks: bash tests/Campaigns.Benchmarks/run.sh [benchmark ...] [--option value ...]
#
# Builds tests/Campaigns.Benchmarks (and so the host) in Release, starts a throwaway PostgreSQL cluster with
# fsync ON (durable, unlike the test suite's cluster) on a free loopback port using tests/lib/postgres.sh, runs
# the benchmarks (pgbench baseline, startup, accounts by default; see --list), prints a Markdown table and
# writes it to artifacts/benchmarks/latest.md, then stops PostgreSQL and deletes it.
#
# Environment overrides:
#   CAMPAIGNS_PG_BIN        PostgreSQL bin dir to use instead of /usr/lib/postgresql/<newest>/bin
#   CAMPAIGNS_PG_PORT_BASE  first port to try (default 54320)
#   CAMPAIGNS_BENCH_NO_BUILD=1  skip the Release build (use the existing binaries)
#   CAMPAIGNS_BENCH_PG_CONF  extra postgresql.conf lines for the cluster, e.g. to see where PostgreSQL's time goes:
#                           $'shared_preload_libraries = pg_stat_statements\npg_stat_statements.track_planning = on'
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$REPO_ROOT"

PG_LOG_PREFIX=bench
# shellcheck source=tests/lib/postgres.sh
source "$REPO_ROOT/tests/lib/postgres.sh"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE=1

PROJECT=tests/Campaigns.Benchmarks/Campaigns.Benchmarks.csproj
RUNNER=tests/Campaigns.Benchmarks/bin/Release/net10.0/Campaigns.Benchmarks.dll
command -v dotnet >/dev/null 2>&1 || pg_die "dotnet (the .NET 10 SDK) is not on PATH"

for arg in "$@"; do
    if [[ $arg == --list || $arg == --help ]]; then
        [[ -f $RUNNER && ${CAMPAIGNS_BENCH_NO_BUILD:-} == 1 ]] || dotnet build "$PROJECT" -c Release -nologo -v quiet >/dev/null
        exec dotnet "$RUNNER" "$@"
    fi
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/campaigns-bench-pg.XXXXXX")
PGDATA_DIR="$WORK/data"
SOCKET_DIR="$WORK/sock"
PG_BIN=""
RUNNER_PID=""
CLEANED_UP=0

cleanup() {
    ((CLEANED_UP)) && return 0
    CLEANED_UP=1
    if [[ -n $RUNNER_PID ]] && kill -0 "$RUNNER_PID" 2>/dev/null; then
        pg_info "stopping the benchmark runner (pid $RUNNER_PID)..."
        kill -INT "$RUNNER_PID" 2>/dev/null || true
        for ((i = 0; i < 100; i++)); do
            kill -0 "$RUNNER_PID" 2>/dev/null || break
            sleep 0.2
        done
        kill -KILL "$RUNNER_PID" 2>/dev/null || true
    fi
    if [[ -n $PG_BIN && -d $PGDATA_DIR ]]; then
        pg_stop "$PGDATA_DIR" fast
    fi
    # Kept beside the hosts' logs (artifacts/benchmarks/logs), for a figure that needs explaining.
    if [[ -f $WORK/postgres.log ]]; then
        mkdir -p "$REPO_ROOT/artifacts/benchmarks/logs"
        cp "$WORK/postgres.log" "$REPO_ROOT/artifacts/benchmarks/logs/postgres.log" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# --- build --------------------------------------------------------------------
if [[ ${CAMPAIGNS_BENCH_NO_BUILD:-} != 1 ]]; then
    pg_info "dotnet build $PROJECT -c Release"
    dotnet build "$PROJECT" -c Release -nologo -v quiet -clp:ErrorsOnly
fi
[[ -f $RUNNER ]] || pg_die "$RUNNER is missing after the build"

# --- wrk (the reads benchmark's load generator) ----------------------------------
if ! command -v wrk >/dev/null 2>&1; then
    sudo=()
    [[ $(id -u) == 0 ]] || sudo=(sudo)
    pg_info "wrk not found; installing it with apt-get (once per machine)..."
    if ! { "${sudo[@]}" apt-get update -q && "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk; } >"$WORK/apt-wrk.log" 2>&1; then
        pg_info "could not install wrk (log: $WORK/apt-wrk.log); the reads benchmark will fail"
    fi
fi

# --- PostgreSQL, durable --------------------------------------------------------
pg_ensure_binaries "$WORK/apt.log"
[[ -x $PG_BIN/pgbench ]] || pg_die "pgbench not found in $PG_BIN"
mkdir -p "$SOCKET_DIR"
pg_prepare_owner_dir "$WORK"
pg_initdb "$PGDATA_DIR" "$WORK/initdb.log" <<EOF

# --- tests/Campaigns.Benchmarks/run.sh: throwaway benchmark cluster, durable ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$SOCKET_DIR'
max_connections = 100
fsync = on
synchronous_commit = on
full_page_writes = on
# What a stall needs to be explained: checkpoints, lock waits, statements over 200 ms.
log_checkpoints = on
log_lock_waits = on
log_min_duration_statement = 200
${CAMPAIGNS_BENCH_PG_CONF:-}
EOF
pg_start "$PGDATA_DIR" "$WORK/postgres.log"
pg_info "$PG_VERSION_STRING running on 127.0.0.1:$PG_PORT (fsync on), data in $PGDATA_DIR (deleted on exit)"

export CAMPAIGNS_BENCH_PG_PORT=$PG_PORT
export CAMPAIGNS_BENCH_PG_BIN=$PG_BIN
export CAMPAIGNS_BENCH_PG_VERSION=$PG_VERSION_STRING
export CAMPAIGNS_BENCH_PG_DATA=$PGDATA_DIR
export CAMPAIGNS_BENCH_CLK_TCK=$(getconf CLK_TCK)
export CAMPAIGNS_BENCH_REPO=$REPO_ROOT
CAMPAIGNS_BENCH_COMMIT=$(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n $(git -C "$REPO_ROOT" status --porcelain --untracked-files=no 2>/dev/null) ]]; then
    CAMPAIGNS_BENCH_COMMIT+=" (with uncommitted changes)"
fi
export CAMPAIGNS_BENCH_COMMIT

# --- benchmarks -------------------------------------------------------------------
# In the background and waited for, so INT/TERM reach the traps at once.
rc=0
dotnet "$RUNNER" "$@" &
RUNNER_PID=$!
wait "$RUNNER_PID" || rc=$?
RUNNER_PID=""

cleanup
pg_info "stopped PostgreSQL and removed $WORK"
exit "$rc"
