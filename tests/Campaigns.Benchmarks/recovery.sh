#!/usr/bin/env bash
# How long after a SIGKILL every due push is settled, and whether any was lost or created twice (issue 9.1).
#
#   bash tests/Campaigns.Benchmarks/recovery.sh single [PUSHES]    one host on SQLite (default 20 pushes): killed
#                                                                  while pushes publish, then started again
#   bash tests/Campaigns.Benchmarks/recovery.sh cluster [PUSHES]   deploy/local-cluster.sh start 3 (default 300
#                                                                  pushes): the silo holding the most claims is killed
#
# Both run the Release host with its default settings, except that each sandbox publish takes 1.5 s (so some are
# always in flight at the kill). Prints the seconds measured and the duplicates and losses found in the sandbox's
# own table (sandbox_posts.creates counts every create call). Leaves nothing running; `cluster` purges the local
# cluster's data (data/pg-cluster, data/local-cluster) when it is done.
# Needs curl, jq, and sqlite3 (single) or the PostgreSQL client (cluster).
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$REPO_ROOT"
MODE=${1:-single}
export Campaigns__Sandbox__Latency=00:00:01.500
HOST_DLL=src/Campaigns.Host/bin/Release/net10.0/Campaigns.Host.dll

say() { printf 'recovery: %s\n' "$*" >&2; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
between() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# api METHOD URL KEY [JSON] — prints the body; fails on a non-2xx answer.
api() {
    local body
    body=$(curl -sS -f -X "$1" "$2" -H "Authorization: Bearer $3" -H 'Content-Type: application/json' ${4:+-d "$4"}) || {
        say "$1 $2 failed"
        return 1
    }
    printf '%s' "$body"
}

# launch BASE ADMIN PUSHES PLATFORMS VIDEOS — creates an agency, PUSHES accounts over the platforms and VIDEOS videos,
# and a matrix campaign starting in 8 s; sets AGENCY, KEY, CAMPAIGN.
launch() {
    local base=$1 admin=$2 pushes=$3 platforms=$4 videos=$5 i accounts="" videoIds="" start
    local agency
    agency=$(api POST "$base/v1/agencies" "$admin" '{"name":"Recovery"}')
    AGENCY=$(jq -r .id <<<"$agency")
    KEY=$(jq -r .apiKey <<<"$agency")
    IFS=, read -r -a plats <<<"$platforms"
    for ((i = 0; i < pushes; i++)); do
        accounts+=$(api POST "$base/v1/accounts" "$KEY" "{\"platform\":\"${plats[i % ${#plats[@]}]}\",\"handle\":\"rec$i\",\"kind\":\"grassroots\",\"brand\":\"acme\",\"timeZone\":\"Asia/Shanghai\",\"followers\":5000,\"caps\":{\"maxPostsPerDay\":20,\"minGapMinutes\":1}}" | jq .id),
    done
    for ((i = 0; i < videos; i++)); do
        videoIds+=$(api POST "$base/v1/videos" "$KEY" "{\"title\":\"Video $i\",\"type\":\"product-showcase\",\"durationSeconds\":30}" | jq .id),
    done
    start=$(date -u -d '+8 seconds' +%Y-%m-%dT%H:%M:%S.000Z)
    CAMPAIGN=$(api POST "$base/v1/campaigns" "$KEY" "{\"name\":\"Recovery\",\"brand\":\"acme\",\"timeZone\":\"Asia/Shanghai\",\"videoIds\":[${videoIds%,}],\"strategy\":{\"kind\":\"matrix\",\"accounts\":{\"ids\":[${accounts%,}]},\"startAt\":\"$start\",\"staggerSeconds\":0}}" | jq -r .id)
    api POST "$base/v1/campaigns/$CAMPAIGN/launch" "$KEY" >/dev/null
    say "campaign $CAMPAIGN launched: $(api GET "$base/v1/campaigns/$CAMPAIGN" "$KEY" | jq -c .progress)"
}

# wait_for BASE CONDITION-ON-CAMPAIGN-JSON [TIMEOUT] — polls the campaign every 0.2 s.
wait_for() {
    local deadline=$((SECONDS + ${3:-300}))
    until curl -s -m 5 "$1/v1/campaigns/$CAMPAIGN" -H "Authorization: Bearer $KEY" | jq -e "$2" >/dev/null 2>&1; do
        ((SECONDS < deadline)) || { say "timed out waiting for: $2"; return 1; }
        sleep 0.2
    done
}

start_host() { # DATA_DIR PORT
    Campaigns__DataDirectory=$1 Campaigns__AdminKey=$ADMIN Campaigns__Cluster__SiloPort=11190 \
        ASPNETCORE_ENVIRONMENT=Production setsid dotnet "$HOST_DLL" --urls "http://127.0.0.1:$2" >>"$1.log" 2>&1 </dev/null &
    HOST_PID=$!
    disown
    until [[ $(curl -s -o /dev/null -w '%{http_code}' -m 2 "http://127.0.0.1:$2/health/ready") == 200 ]]; do sleep 0.1; done
}

single() {
    local pushes=${1:-20} base=http://127.0.0.1:5090 killed restarted ready
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/campaigns-recovery.XXXXXX")
    ADMIN=adm_recovery_$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
    trap 'kill -KILL -- "-$HOST_PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
    dotnet build src/Campaigns.Host -c Release -nologo -v q >/dev/null
    start_host "$WORK/data" 5090
    launch "$base" "$ADMIN" "$pushes" douyin 2
    wait_for "$base" '.progress.published >= 3'
    curl -s "$base/v1/campaigns/$CAMPAIGN/pushes?status=publishing" -H "Authorization: Bearer $KEY" | jq -e '.items | length > 0' >/dev/null ||
        say "note: nothing was publishing at the kill"
    kill -KILL -- "-$HOST_PID"
    killed=$(now)
    say "killed: $(sqlite3 "$WORK/data/campaigns.db" "SELECT group_concat(status || '=' || n, ' ') FROM (SELECT status, count(*) n FROM pushes WHERE campaign_id = '$CAMPAIGN' GROUP BY status)")"
    restarted=$(now)
    start_host "$WORK/data" 5090
    ready=$(now)
    wait_for "$base" '.status == "completed"'
    say "restart -> ready $(between "$restarted" "$ready") s; ready -> every push settled $(since "$ready") s; kill -> settled $(since "$killed") s"
    sqlite3 "$WORK/data/campaigns.db" "SELECT 'pushes ' || count(*) || ', published ' || sum(status = 'published') FROM pushes WHERE campaign_id = '$CAMPAIGN';
        SELECT 'sandbox keys ' || count(*) || ', posts ' || sum(created) || ', create calls ' || sum(creates) || ', keys created twice ' || sum(creates > 1) FROM sandbox_posts WHERE agency_id = '$AGENCY';" >&2
}

cluster() {
    local pushes=${1:-300} psql killed victim holder i orphans
    trap 'deploy/local-cluster.sh stop >/dev/null 2>&1 || true; deploy/local-cluster.sh purge >/dev/null 2>&1 || true' EXIT
    deploy/local-cluster.sh start 3 >&2
    ADMIN=$(cat data/local-cluster/admin-key)
    psql="psql -h 127.0.0.1 -p $(cat data/local-cluster/pg.port) -U postgres -d campaigns -tAq"
    launch http://127.0.0.1:5081 "$ADMIN" "$pushes" douyin,kuaishou,bilibili,xiaohongshu 5
    until holder=$($psql -c "SELECT lease_holder FROM pushes WHERE campaign_id = '$CAMPAIGN' AND status = 'publishing' GROUP BY lease_holder ORDER BY count(*) DESC LIMIT 1") && [[ -n $holder ]]; do
        sleep 0.2
    done
    victim=${holder#127.0.0.1:1111}
    victim=${victim%%@*}
    kill -KILL -- "-$(cat "data/local-cluster/silo$victim.pid")"
    killed=$(now)
    orphans=$($psql -c "SELECT string_agg(quote_literal(id), ',') FROM pushes WHERE lease_holder = '$holder' AND status = 'publishing'")
    say "killed silo $victim ($holder) holding $(tr -cd ',' <<<"$orphans" | wc -c | awk '{ print $1 + 1 }') claims"
    for i in 1 2 3; do [[ $i == "$victim" ]] || break; done
    wait_for "http://127.0.0.1:508$i" '.status == "completed"'
    say "kill -> every push settled $(since "$killed") s (campaign completed, read through silo $i)"
    $psql -c "SELECT 'the dead silo''s claims: ' || count(*) || ' published, the last settled ' || round((max(updated_at) / 1000.0 - $killed)::numeric, 1) || ' s after the kill' FROM pushes WHERE id IN ($orphans) AND status = 'published'" >&2
    $psql -c "SELECT 'pushes ' || count(*) || ', published ' || sum((status = 'published')::int) FROM pushes WHERE campaign_id = '$CAMPAIGN';
        SELECT 'sandbox keys ' || count(*) || ', posts ' || sum(created) || ', create calls ' || sum(creates) || ', keys created twice ' || sum((creates > 1)::int) FROM sandbox_posts WHERE agency_id = '$AGENCY';" >&2
}

case $MODE in
single) single "${2:-20}" ;;
cluster) cluster "${2:-300}" ;;
*) sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
