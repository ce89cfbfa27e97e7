#!/usr/bin/env bash
# The host's steady CPU per account creation, apart from warm-up: a durable throwaway PostgreSQL (fsync on), one Release
# host on it, `wrk -t 2 -c 16` of POST /v1/accounts (creations-loop.lua) for WARM seconds, then MEASURE seconds measured;
# host CPU (utime + stime from /proc/PID/stat) over the measured loop ÷ the creations wrk counted, and PostgreSQL's the
# same way (its postmaster, its reaped and its live backends). Prints one line.
#
#   bash tests/Campaigns.Benchmarks/creations-loop.sh [WARM=40] [MEASURE=30] [REPO=this checkout]
#
# CONNECTION_EXTRA, when set, is appended to the host's connection string (e.g. "Max Auto Prepare=0" to compare).
# REPO may be another checkout (or a copy of one's src/Campaigns.Host/bin/Release) to compare builds back to back.
# Build first: dotnet build src/Campaigns.Host -c Release.
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
WARM=${1:-40}; MEASURE=${2:-30}; REPO=${3:-$(cd "$HERE/../.." && pwd)}
PG_LOG_PREFIX=creations-loop
# shellcheck source=tests/lib/postgres.sh
source "$HERE/../lib/postgres.sh"
DLL=$REPO/src/Campaigns.Host/bin/Release/net10.0/Campaigns.Host.dll
[[ -f $DLL ]] || pg_die "$DLL is missing: build Release first"
command -v wrk >/dev/null || pg_die "wrk is missing (apt-get install wrk)"
WORK=$(mktemp -d); chmod 755 "$WORK"
HOST_PID=""
cleanup() {
    [[ -n $HOST_PID ]] && { kill -9 "$HOST_PID" && wait "$HOST_PID"; } 2>/dev/null
    pg_stop "$WORK/data" fast
    rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

pg_ensure_binaries "$WORK/apt.log"
pg_prepare_owner_dir "$WORK"
pg_initdb "$WORK/data" "$WORK/initdb.log" <<EOC
listen_addresses = '127.0.0.1'
unix_socket_directories = '$WORK'
fsync = on
synchronous_commit = on
full_page_writes = on
EOC
pg_start "$WORK/data" "$WORK/postgres.log"
"$PG_BIN/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "CREATE DATABASE bench_loop" >/dev/null

HTTP_PORT=$(free_port); ADMIN_KEY=adm_loop_$(openssl rand -hex 16)
mkdir -p "$WORK/host"
(cd "$WORK/host" && env ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production \
    Campaigns__RateLimit__PermitsPerSecond=0 Campaigns__Cluster__SiloPort="$(free_port)" Campaigns__Cluster__AdvertisedIP=127.0.0.1 \
    Campaigns__DataDirectory="$WORK/host/data" Campaigns__AdminKey="$ADMIN_KEY" Campaigns__Storage__Provider=PostgreSql \
    ConnectionStrings__Campaigns="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=bench_loop${CONNECTION_EXTRA:+;$CONNECTION_EXTRA}" \
    dotnet "$DLL" --urls "http://127.0.0.1:$HTTP_PORT" >"$WORK/host.log" 2>&1) &
HOST_PID=$!
for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$HTTP_PORT/health/ready" >/dev/null && break; sleep 0.5; done
HOST_PID=$(pgrep -f "Campaigns.Host.dll --urls http://127.0.0.1:$HTTP_PORT$") || pg_die "the host did not start: $(tail -5 "$WORK/host.log")"
APIKEY=$(curl -sf -X POST "http://127.0.0.1:$HTTP_PORT/v1/agencies" -H "Authorization: Bearer $ADMIN_KEY" \
    -H "Content-Type: application/json" -d '{"name":"Loop"}' | python3 -c 'import sys, json; print(json.load(sys.stdin)["apiKey"])')
export APIKEY

wrk -t 2 -c 16 -d "${WARM}s" -s "$HERE/creations-loop.lua" "http://127.0.0.1:$HTTP_PORT" -- warm >"$WORK/warm.txt" 2>&1
# PostgreSQL's CPU: the postmaster's own and its reaped children's (cutime, cstime) plus its live children's.
pg_cpu() {
    local pm; pm=$(head -1 "$WORK/data/postmaster.pid")
    { awk '{print $14 + $15 + $16 + $17}' "/proc/$pm/stat"; for c in $(pgrep -P "$pm"); do awk '{print $14 + $15}' "/proc/$c/stat" 2>/dev/null; done; } | awk '{s += $1} END {print s}'
}
pg_before=$(pg_cpu)
before=$(awk '{print $14 + $15}' "/proc/$HOST_PID/stat")
wrk -t 2 -c 16 -d "${MEASURE}s" -s "$HERE/creations-loop.lua" "http://127.0.0.1:$HTTP_PORT" -- measured >"$WORK/measured.txt" 2>&1
after=$(awk '{print $14 + $15}' "/proc/$HOST_PID/stat")
pg_after=$(pg_cpu)
created=$(awk '/requests in/ {print $1}' "$WORK/measured.txt")
warmed=$(awk '/requests in/ {print $1}' "$WORK/warm.txt")
rate=$(awk '/Requests\/sec/ {print $2}' "$WORK/measured.txt")
refused=$(grep -h "Non-2xx\|Socket errors" "$WORK/warm.txt" "$WORK/measured.txt" | tr '\n' ' ')
rows=$("$PG_BIN/psql" -tA -h 127.0.0.1 -p "$PG_PORT" -U postgres -d bench_loop -c "SELECT count(*) FROM accounts")
python3 - "$before" "$after" "$pg_before" "$pg_after" "$(getconf CLK_TCK)" "$created" "$warmed" "$rate" "$MEASURE" "$rows" "$refused" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'EOPY'
import sys
before, after, pg_before, pg_after, tick, created, warmed, rate, seconds, rows, refused, load = sys.argv[1:]
cpu = (float(after) - float(before)) / float(tick)
pg = (float(pg_after) - float(pg_before)) / float(tick)
print(f"creations-loop: warm-up {warmed}, measured {created} in {seconds} s = {rate}/s; host CPU {cpu:.2f} s = "
      f"{cpu * 1000 / int(created):.3f} ms per creation ({cpu / float(seconds):.2f} cores); PostgreSQL CPU {pg:.2f} s = "
      f"{pg * 1000 / int(created):.3f} ms per creation; accounts rows {rows} "
      f"(≥ warm-up + measured); {refused.strip() or 'no non-2xx, no socket errors'}; load {load}")
EOPY
