#!/usr/bin/env bash
# Every due push published exactly once, and honest answers, under faults (issue 9, "Proof").
#
#   bash tests/Campaigns.Benchmarks/faults.sh [a|b|c|d|all ...] [--pushes N] [--output FILE]
#
#   a  one host on SQLite, SIGKILLed while 1,000 pushes publish, started again at once: seconds from the kill (and
#      from the restart) until every push is settled
#   b  three silos on PostgreSQL (deploy/local-cluster.sh start 3); the silo holding the most claims is SIGKILLed
#      during 10,000 pushes: seconds until its claims, and every push, are settled
#   c  two silos on PostgreSQL; PostgreSQL stopped (immediate shutdown) for 30 s while 300 pushes are due and four
#      clients send commands with Idempotency-Keys (two create accounts, two post engagement snapshots): every
#      command during the outage answered 503 within 1 s, every acknowledged one in the database afterwards, every
#      503 retried with its key until acknowledged, every push published once
#   d  one host on SQLite with Campaigns__Sandbox__FailureRate=0.5, 1,000 pushes: each published exactly once or
#      failed after MaxAttempts with no post
#
# --pushes N replaces each selected case's default (a 1000, b 10000, c 300, d 1000). Each case counts, in the sandbox
# platform's own table (sandbox_posts.creates counts every create call), pushes published once, created more than
# once, and lost. Prints a Markdown table and writes it to artifacts/benchmarks/faults.md (--output). Exit code 0
# only if every case held its promises. Leaves nothing running; temporary data (mktemp dirs, the local cluster's
# data/pg-cluster and data/local-cluster) is deleted, but the hosts' logs and case c's commands are kept in
# artifacts/benchmarks/logs/faults-<case>/. Needs curl, jq, sqlite3 and PostgreSQL (tests/lib/postgres.sh).
# FAULTS_NO_BUILD=1 skips the Release build.
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$REPO_ROOT"
FAULTS_LOG_PREFIX=faults
# shellcheck source=tests/Campaigns.Benchmarks/faults-lib.sh
source "$REPO_ROOT/tests/Campaigns.Benchmarks/faults-lib.sh"
# shellcheck source=tests/Campaigns.Benchmarks/faults-cases.sh
source "$REPO_ROOT/tests/Campaigns.Benchmarks/faults-cases.sh"
# shellcheck source=tests/Campaigns.Benchmarks/faults-outage.sh
source "$REPO_ROOT/tests/Campaigns.Benchmarks/faults-outage.sh"

usage() { sed -n '2,24p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit "${1:-0}"; }

CASES=()
PUSHES_OVERRIDE=""
OUTPUT=artifacts/benchmarks/faults.md
while (($#)); do
    case $1 in
    a | b | c | d) CASES+=("$1") ;;
    all) CASES+=(a b c d) ;;
    --pushes) PUSHES_OVERRIDE=${2:?}; shift ;;
    --output) OUTPUT=${2:?}; shift ;;
    -h | --help) usage 0 ;;
    *) usage 2 ;;
    esac
    shift
done
((${#CASES[@]})) || CASES=(a b c d)

for tool in curl jq sqlite3 dotnet setsid; do
    command -v "$tool" >/dev/null || pg_die "$tool is required"
done

# keep_evidence CASE — the hosts' logs and the commands' answers, in artifacts/benchmarks/logs/faults-CASE/.
keep_evidence() {
    local dir=artifacts/benchmarks/logs/faults-$1 f
    rm -rf "$dir"
    mkdir -p "$dir"
    for f in "$WORK"/*.log "$WORK"/cmd.* "$WORK"/retried data/local-cluster/*.log; do
        [[ -f $f ]] && cp "$f" "$dir/" 2>/dev/null || true
    done
}

ROWS=()
FAILURES=()
WORK=""
BURST_PIDS=()
cleanup() {
    local pid
    for pid in "${BURST_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    host_stop
    cluster_purge
    [[ -z $WORK ]] || rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ ${FAULTS_NO_BUILD:-} != 1 ]]; then
    say "dotnet build src/Campaigns.Host -c Release"
    dotnet build src/Campaigns.Host -c Release -nologo -v q -clp:ErrorsOnly >&2
fi
pg_ensure_binaries /dev/null
STARTED_AT=$(date -u '+%Y-%m-%d %H:%M')
LOAD_START=$(load_average)

for c in "${CASES[@]}"; do
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/campaigns-faults.XXXXXX")
    load=$(load_average)
    if ! "case_$c" "${PUSHES_OVERRIDE:-}"; then
        FAILURES+=("$c")
        ROWS+=("| ($c) | ${PUSHES:-?} | — | — | — | **FAILED** (see the log above) | load $load |")
    fi
    host_stop
    HOST_PID=""
    keep_evidence "$c"
    cluster_purge
    CLUSTER_HTTP_PORT_BASE=""
    rm -rf "$WORK"
    WORK=""
done

report() {
    echo "## Faults ($STARTED_AT UTC, commit $(git rev-parse --short HEAD))"
    echo
    echo "\`bash tests/Campaigns.Benchmarks/faults.sh ${CASES[*]}${PUSHES_OVERRIDE:+ --pushes $PUSHES_OVERRIDE}\` on $(nproc) cores,"
    echo "load average (1 min) $LOAD_START at the start, $(load_average) at the end; \"load\" in a row is at its start."
    echo
    echo "| case | pushes | published | duplicates | lost | recovery / 503 latency | notes |"
    echo "| --- | ---: | ---: | ---: | ---: | --- | --- |"
    printf '%s\n' "${ROWS[@]}"
    if ((${#FAILURES[@]})); then
        echo
        echo "**FAILED**: ${FAILURES[*]}"
    fi
}
mkdir -p "$(dirname "$OUTPUT")"
report | tee "$OUTPUT"
say "written to $OUTPUT"
((${#FAILURES[@]} == 0))
