# shellcheck shell=bash
# Shared by tests/Campaigns.Benchmarks/faults.sh and recovery.sh: a Release host or a local cluster started, seeded
# through the HTTP API (an agency, imported accounts, videos, a matrix campaign), watched through its own database,
# and the pushes tallied against the sandbox platform's table. Not meant to be run directly.
#
# Callers set FAULTS_LOG_PREFIX before sourcing (default "faults"). Everything listens on 127.0.0.1.

REPO_ROOT=${REPO_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
PG_LOG_PREFIX=${FAULTS_LOG_PREFIX:-faults}
# shellcheck source=tests/lib/postgres.sh
source "$REPO_ROOT/tests/lib/postgres.sh"

HOST_DLL=src/Campaigns.Host/bin/Release/net10.0/Campaigns.Host.dll
# Ten platforms, so that a hundred videos make a thousand (platform, video) pairs: the planner never puts one pair
# twice on the same instant, so 1,000 pushes share one instant and 10,000 make ten, one second apart.
PLATFORMS=(douyin kuaishou meipai wechat-channels xiaohongshu bilibili tiktok youtube-shorts instagram-reels sandbox)

say() { printf '%s %s: %s\n' "$(date -u +%T)" "$PG_LOG_PREFIX" "$*" >&2; }
now() { printf '%s' "$EPOCHREALTIME"; }
between() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
since() { between "$1" "$(now)"; }
# relative A B — "N s after" or "N s before", of B against A.
relative() { awk -v a="$1" -v b="$2" 'BEGIN { d = b - a; printf "%.1f s %s", d < 0 ? -d : d, d < 0 ? "before" : "after" }'; }
load_average() { cut -d' ' -f1 /proc/loadavg; }

# api METHOD URL KEY [JSON] — prints the body; fails on a non-2xx answer.
api() {
    local body
    body=$(curl -sS -f -m 60 -X "$1" "$2" -H "Authorization: Bearer $3" -H 'Content-Type: application/json' ${4:+-d "$4"}) || {
        say "$1 $2 failed"
        return 1
    }
    printf '%s' "$body"
}

# --- the scenario: an agency, N imported accounts on ten platforms, V videos, one matrix campaign ------------------

# seed BASE ADMIN PUSHES VIDEOS — an agency (AGENCY, KEY), PUSHES sandbox accounts imported in files of 10,000
# (account i on platform (i / VIDEOS) mod 10, no caps in the way) and VIDEOS videos (VIDEO_IDS, a JSON list body).
seed() {
    local base=$1 admin=$2 pushes=$3 videos=$4 agency from to i
    agency=$(api POST "$base/v1/agencies" "$admin" '{"name":"Faults"}') || return 1
    AGENCY=$(jq -r .id <<<"$agency")
    KEY=$(jq -r .apiKey <<<"$agency")
    for ((from = 0; from < pushes; from += 10000)); do
        to=$((from + 10000 < pushes ? from + 10000 : pushes))
        {
            echo "platform,handle,brand,kind,timeZone,followers,maxPostsPerDay,minGapMinutes,connectorType"
            for ((i = from; i < to; i++)); do
                echo "${PLATFORMS[(i / videos) % 10]},fault$i,acme,grassroots,Asia/Shanghai,5000,20,0,sandbox"
            done
        } | curl -sS -f -m 120 -X POST "$base/v1/accounts/import" -H "Authorization: Bearer $KEY" -H 'Content-Type: text/csv' \
            --data-binary @- | jq -e ".imported == $((to - from))" >/dev/null || { say "import of accounts $from..$to failed"; return 1; }
    done
    VIDEO_IDS=""
    for ((i = 0; i < videos; i++)); do
        VIDEO_IDS+=$(api POST "$base/v1/videos" "$KEY" "{\"title\":\"Video $i\",\"type\":\"product-showcase\",\"durationSeconds\":30}" | jq .id),
    done
    VIDEO_IDS="[${VIDEO_IDS%,}]"
    say "agency $AGENCY: $pushes accounts, $videos videos"
}

# launch BASE LEAD_SECONDS [STAGGER_MS] — a matrix campaign over every account of the agency, one post each, the first
# instant LEAD_SECONDS from now; sets CAMPAIGN and FIRST_INSTANT (Unix seconds).
launch() {
    local base=$1 lead=$2 stagger=${3:-0} start
    FIRST_INSTANT=$(($(date +%s) + lead))
    start=$(date -u -d "@$FIRST_INSTANT" +%Y-%m-%dT%H:%M:%SZ)
    CAMPAIGN=$(api POST "$base/v1/campaigns" "$KEY" "{\"name\":\"Faults\",\"brand\":\"acme\",\"timeZone\":\"Asia/Shanghai\",\"videoIds\":$VIDEO_IDS,\"strategy\":{\"kind\":\"matrix\",\"accounts\":{\"selector\":{}},\"startAt\":\"$start\",\"staggerMilliseconds\":$stagger}}" | jq -r .id) || return 1
    api POST "$base/v1/campaigns/$CAMPAIGN/launch" "$KEY" >/dev/null || return 1
    say "campaign $CAMPAIGN launched, first instant in $((FIRST_INSTANT - $(date +%s))) s: $(api GET "$base/v1/campaigns/$CAMPAIGN" "$KEY" | jq -c .progress)"
}

# --- the database the host writes: SQLite file or PostgreSQL (DB_KIND, DB_FILE / DB_PORT) ---------------------------

# db SQL (or SQL on stdin) — rows as space-separated columns.
db() {
    if [[ $DB_KIND == sqlite ]]; then
        sqlite3 -batch -noheader -separator ' ' -cmd '.timeout 10000' "file:$DB_FILE?mode=ro" "${1:-$(cat)}"
    else
        "$PG_BIN/psql" -h 127.0.0.1 -p "$DB_PORT" -U postgres -d campaigns -X -tAq -F ' ' ${1:+-c "$1"}
    fi
}

# status_counts — "published=… publishing=…" for the campaign.
status_counts() {
    db "SELECT status || '=' || count(*) FROM pushes WHERE campaign_id = '$CAMPAIGN' GROUP BY status ORDER BY status" | paste -sd' '
}

unsettled() { db "SELECT count(*) FROM pushes WHERE campaign_id = '$CAMPAIGN' AND status IN ('scheduled', 'publishing')"; }
published_count() { db "SELECT count(*) FROM pushes WHERE campaign_id = '$CAMPAIGN' AND status = 'published'"; }

# wait_until SECONDS COMMAND... — runs COMMAND every 0.2 s until it succeeds; fails after SECONDS.
wait_until() {
    local deadline=$((SECONDS + $1))
    shift
    until "$@" 2>/dev/null; do
        ((SECONDS < deadline)) || { say "timed out after waiting for: $*"; return 1; }
        sleep 0.2
    done
}

all_settled() { [[ $(unsettled) == 0 ]]; }
published_at_least() { (($(published_count) >= $1)); }

# tally — reads the campaign's pushes against the sandbox's own table (every create call counted in `creates`) and
# sets PUSHES, PUBLISHED (published, with exactly its post created), FAILED (failed with no post created),
# DUPLICATES (pushes the platform was asked to create more than once), EXTRA_CREATES, LOST (the rest: unsettled,
# skipped, or published without a post, or failed with one) and RETRIES (sandbox attempts beyond the first).
tally() {
    read -r PUSHES PUBLISHED FAILED DUPLICATES EXTRA_CREATES RETRIES < <(db "
        SELECT count(*),
               COALESCE(sum(CASE WHEN p.status = 'published' AND s.created = 1 THEN 1 ELSE 0 END), 0),
               COALESCE(sum(CASE WHEN p.status = 'failed' AND COALESCE(s.created, 0) = 0 THEN 1 ELSE 0 END), 0),
               COALESCE(sum(CASE WHEN s.creates > 1 THEN 1 ELSE 0 END), 0),
               COALESCE(sum(CASE WHEN s.creates > 1 THEN s.creates - 1 ELSE 0 END), 0),
               COALESCE(sum(s.attempts - 1), 0)
        FROM pushes p
        LEFT JOIN (SELECT push_id, sum(created) AS created, sum(creates) AS creates, sum(attempts) AS attempts
                   FROM sandbox_posts WHERE agency_id = '$AGENCY' GROUP BY push_id) s ON s.push_id = p.id
        WHERE p.campaign_id = '$CAMPAIGN'")
    LOST=$((PUSHES - PUBLISHED - FAILED))
    say "tally: $PUSHES pushes, $PUBLISHED published once, $FAILED failed without a post, $DUPLICATES created more than once ($EXTRA_CREATES extra create calls), $LOST lost; $RETRIES retried attempts; statuses: $(status_counts)"
}

# --- one host on SQLite ------------------------------------------------------------------------------------------

# host_start DATA_DIR — the Release host on free loopback ports with its data in DATA_DIR (log DATA_DIR.log); extra
# settings come from the caller's environment. Sets HOST_PID (its process group), HOST_URL; waits for ready.
host_start() {
    local data=$1 port silo deadline=$((SECONDS + 180))
    port=$(pg_free_port 15090)
    silo=$(pg_free_port 11190)
    Campaigns__DataDirectory=$data Campaigns__AdminKey=$ADMIN Campaigns__Cluster__SiloPort=$silo \
        Campaigns__RateLimit__PermitsPerSecond=0 ASPNETCORE_ENVIRONMENT=Production \
        setsid dotnet "$HOST_DLL" --urls "http://127.0.0.1:$port" >>"$data.log" 2>&1 </dev/null &
    HOST_PID=$!
    disown
    HOST_URL=http://127.0.0.1:$port
    DB_KIND=sqlite
    DB_FILE=$data/campaigns.db
    until [[ $(curl -s -o /dev/null -w '%{http_code}' -m 2 "$HOST_URL/health/ready") == 200 ]]; do
        kill -0 "$HOST_PID" 2>/dev/null || { tail -n 30 "$data.log" >&2; say "the host exited before it was ready"; return 1; }
        ((SECONDS < deadline)) || { say "the host was not ready within 180 s (log $data.log)"; return 1; }
        sleep 0.1
    done
}

host_kill() { kill -KILL -- "-$HOST_PID" 2>/dev/null || true; }

# host_stop — SIGTERM to the host's process group, SIGKILL after 30 s.
host_stop() {
    local n
    [[ -n ${HOST_PID:-} ]] || return 0
    kill -TERM -- "-$HOST_PID" 2>/dev/null || return 0
    for ((n = 0; n < 150; n++)); do
        kill -0 "$HOST_PID" 2>/dev/null || return 0
        sleep 0.2
    done
    host_kill
}

# --- deploy/local-cluster.sh on PostgreSQL -------------------------------------------------------------------------

# cluster_start N — N silos on free ports (CLUSTER_HTTP_PORT_BASE / CLUSTER_SILO_PORT_BASE), data in the worktree's
# data/; settings from the caller's environment. Sets ADMIN, DB_KIND, DB_PORT, PG_BIN.
cluster_start() {
    local n=$1
    export CLUSTER_HTTP_PORT_BASE CLUSTER_SILO_PORT_BASE
    CLUSTER_HTTP_PORT_BASE=$(free_base 15180 "$n")
    CLUSTER_SILO_PORT_BASE=$(free_base 11280 "$n")
    deploy/local-cluster.sh purge >/dev/null 2>&1 || true
    deploy/local-cluster.sh start "$n" >&2 || return 1
    pg_ensure_binaries /dev/null
    ADMIN=$(cat data/local-cluster/admin-key)
    DB_KIND=postgresql
    DB_PORT=$(cat data/local-cluster/pg.port)
}

# free_base FIRST COUNT — the first base b = FIRST + 10k with ports b+1 … b+COUNT all free.
free_base() {
    local base=$1 i
    while :; do
        for ((i = 1; i <= $2; i++)); do
            pg_port_in_use $((base + i)) && break
        done
        ((i > $2)) && { echo "$base"; return 0; }
        base=$((base + 10))
    done
}

silo_url() { printf 'http://127.0.0.1:%s' $((CLUSTER_HTTP_PORT_BASE + $1)); }
silo_pid() { cat "data/local-cluster/silo$1.pid"; }

# The silo (1..3) a lease holder (address:port@generation) names.
silo_of_holder() {
    local port=${1#*:}
    echo $((${port%%@*} - CLUSTER_SILO_PORT_BASE))
}

cluster_purge() {
    [[ -n ${CLUSTER_HTTP_PORT_BASE:-} ]] || return 0
    deploy/local-cluster.sh purge >/dev/null 2>&1 || true
    rmdir data 2>/dev/null || true
}
