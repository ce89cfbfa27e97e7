#!/usr/bin/env bash
# Runs the whole test suite: bash tests/run.sh [extra dotnet test args, e.g. --filter X]
#
# Starts a throwaway PostgreSQL cluster (installing PostgreSQL with apt-get if
# needed) on a free loopback port, points the tests at it through
# CAMPAIGNS_TEST_POSTGRES / CAMPAIGNS_REQUIRE_POSTGRES=1, runs
# `dotnet test Campaigns.sln -c Release`, then stops the cluster and deletes it.
# Last line of output: "Tests: N passed, M failed, K skipped".
# Exit code is non-zero if dotnet test failed or if no test ran.
#
# Environment overrides:
#   CAMPAIGNS_TEST_TARGET   project/solution to test instead of Campaigns.sln
#   CAMPAIGNS_PG_BIN        PostgreSQL bin dir to use instead of /usr/lib/postgresql/<newest>/bin
#   CAMPAIGNS_PG_PORT_BASE  first port to try (default 54320)
set -euo pipefail

CALLER_PWD=$PWD
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO_ROOT"

PG_LOG_PREFIX=run.sh
# shellcheck source=tests/lib/postgres.sh
source "$REPO_ROOT/tests/lib/postgres.sh"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE=1
# In CI, don't leave MSBuild worker nodes running (and holding the job's
# output pipe open) after the build.
if [[ ${CI:-} == true ]]; then
    export MSBUILDDISABLENODEREUSE=1
fi

TARGET=Campaigns.sln
if [[ -n ${CAMPAIGNS_TEST_TARGET:-} ]]; then
    TARGET=$CAMPAIGNS_TEST_TARGET
    [[ $TARGET == /* ]] || TARGET="$CALLER_PWD/$TARGET" # relative to where run.sh was called
fi
RESULTS_DIR="$REPO_ROOT/artifacts/test-results"

command -v dotnet >/dev/null 2>&1 || pg_die "dotnet (the .NET 10 SDK) is not on PATH"
[[ -e $TARGET ]] || pg_die "test target not found: $TARGET"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/campaigns-test-pg.XXXXXX")
PGDATA_DIR="$WORK/data"
SOCKET_DIR="$WORK/sock"
PG_BIN=""
DOTNET_PID=""
CLEANED_UP=0

# Stops dotnet test (if still running) together with vstest.console and the
# test hosts: they all share the process group that setsid gave dotnet test.
stop_dotnet() {
    [[ -n $DOTNET_PID ]] || return 0
    local pid=$DOTNET_PID i
    DOTNET_PID=""
    kill -0 -- "-$pid" 2>/dev/null || return 0
    pg_info "stopping dotnet test (process group $pid)..."
    kill -TERM -- "-$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
        kill -0 -- "-$pid" 2>/dev/null || break
        sleep 0.2
    done
    kill -KILL -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    ((CLEANED_UP)) && return 0
    CLEANED_UP=1
    stop_dotnet
    if [[ -n $PG_BIN && -d $PGDATA_DIR ]]; then
        pg_stop "$PGDATA_DIR" immediate
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# --- PostgreSQL -------------------------------------------------------------
pg_ensure_binaries "$WORK/apt.log"
mkdir -p "$SOCKET_DIR"
pg_prepare_owner_dir "$WORK"
pg_initdb "$PGDATA_DIR" "$WORK/initdb.log" <<EOF

# --- tests/run.sh: throwaway test cluster ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$SOCKET_DIR'
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
pg_start "$PGDATA_DIR" "$WORK/postgres.log"
pg_info "$PG_VERSION_STRING ($PG_BIN) running as OS user $(pg_os_user) on 127.0.0.1:$PG_PORT, data in $PGDATA_DIR (deleted on exit)"

export CAMPAIGNS_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres;Pooling=true"
export CAMPAIGNS_REQUIRE_POSTGRES=1

# --- dotnet test ------------------------------------------------------------
rm -rf "$RESULTS_DIR"
mkdir -p "$RESULTS_DIR"
pg_info "dotnet test $TARGET -c Release $*"

# Run in the background (in its own process group) and wait, so that INT/TERM
# reach our traps at once (bash defers traps while a foreground command runs)
# and the whole dotnet test process tree can be stopped from there.
test_rc=0
setsid dotnet test "$TARGET" -c Release \
    --logger "console;verbosity=normal" \
    --logger trx \
    --blame-hang-timeout 5m \
    --blame-hang-dump-type mini \
    --results-directory "$RESULTS_DIR" \
    "$@" &
DOTNET_PID=$!
wait "$DOTNET_PID" || test_rc=$?
DOTNET_PID=""

# One TRX file per test assembly. Counters look like
#   <Counters total="13" executed="12" passed="12" failed="0" error="0" timeout="0" aborted="0" ...
# skipped = total - executed (xunit skips are "not executed").
summarize_trx() {
    local trx
    for trx in "$RESULTS_DIR"/*.trx; do
        [[ -f $trx ]] || continue
        awk -v file="$trx" '
            function attr(s, name,   m) {
                if (match(s, name "=\"[0-9]+\"")) {
                    m = substr(s, RSTART, RLENGTH); gsub(/[^0-9]/, "", m); return m + 0
                }
                return 0
            }
            /<Counters / && !done {
                total = attr($0, "total"); executed = attr($0, "executed"); passed = attr($0, "passed")
                failed = attr($0, "failed") + attr($0, "error") + attr($0, "timeout") + attr($0, "aborted")
                done = 1
            }
            !asm && match($0, /storage="[^"]*"/) {
                asm = substr($0, RSTART + 9, RLENGTH - 10); sub(/.*\//, "", asm)
            }
            END {
                if (!done) exit
                if (asm == "") { asm = file; sub(/.*\//, "", asm) }
                printf "%s %d %d %d %s\n", (failed > 0 ? "Failed!" : "Passed!"), passed, failed, total - executed, asm
            }' "$trx"
    done
}
# The failed tests by name, with the first line of each one's message, so that the
# end of the output (which may be all a CI log keeps) says what failed.
list_failures() {
    local trx
    for trx in "$RESULTS_DIR"/*.trx; do
        [[ -f $trx ]] || continue
        awk '
            function attr(s, name,   m) {
                if (match(s, name "=\"[^\"]*\"")) { m = substr(s, RSTART, RLENGTH); sub(/^[^"]*"/, "", m); sub(/"$/, "", m); return m }
                return ""
            }
            /<UnitTestResult / { pending = (attr($0, "outcome") == "Failed") ? attr($0, "testName") : "" }
            pending != "" && /<Message>/ {
                m = $0; sub(/.*<Message>/, "", m); sub(/<\/Message>.*/, "", m)
                printf "  FAILED %s\n         %s\n", pending, substr(m, 1, 400); pending = ""
            }' "$trx"
    done
}
passed=0 failed=0 skipped=0 assemblies=0
while read -r verdict p f s asm; do
    printf '%s - Failed: %5d, Passed: %5d, Skipped: %5d - %s\n' "$verdict" "$f" "$p" "$s" "$asm"
    passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s)) assemblies=$((assemblies + 1))
done < <(summarize_trx)

cleanup
pg_info "stopped PostgreSQL and removed $WORK"

rc=$test_rc
if ((rc == 0 && failed > 0)); then
    rc=1
fi
if ((passed + failed + skipped == 0)); then
    pg_info "error: no tests ran (dotnet test exit code $test_rc)"
    ((rc != 0)) || rc=1
elif ((test_rc != 0 && failed == 0)); then
    pg_info "error: dotnet test exited with code $test_rc (build error, crashed/hung test host, or aborted run; see output above and $RESULTS_DIR)"
fi
if ((failed > 0)); then
    pg_info "failed tests:"
    list_failures
fi
pg_info "$assemblies test assemblies, dotnet test exit code $test_rc"
echo "Tests: $passed passed, $failed failed, $skipped skipped"
exit "$rc"
