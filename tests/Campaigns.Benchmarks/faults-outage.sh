# shellcheck shell=bash
# Case c of tests/Campaigns.Benchmarks/faults.sh (sourced by it, after faults-lib.sh): PostgreSQL stopped for 30 s
# under two silos while pushes are due and four clients send commands with Idempotency-Keys, alternating between the
# silos: two create accounts, two post engagement snapshots to pushes published before the outage.
#
# Each command is a line of $WORK/cmd.W: kind key target sent-at code seconds id title, where for kind "account" the
# target is the handle and id the account's id, for kind "snapshot" the target is the push and id the snapshot's
# instant (Unix ms); title is the problem's title (spaces as underscores), "replayed" for a replayed answer, or "-".

# command_body KIND KEY TARGET AT_MS
command_body() {
    if [[ $1 == account ]]; then
        printf '{"platform":"douyin","handle":"%s","kind":"grassroots","brand":"acme","timeZone":"Asia/Shanghai","followers":100}' "$3"
    else
        # Views grow with the command's number, so each push (one worker's) only ever sees larger counts.
        printf '{"at":"%s.%sZ","views":%d}' "$(date -u -d "@${4:0:-3}" +%Y-%m-%dT%H:%M:%S)" "${4: -3}" "$((${2##*-} + 1))"
    fi
}

# send BASE KIND KEY TARGET AT_MS — one POST; prints "code seconds id title".
send() {
    local path=/v1/accounts result code rest time id=- title=-
    [[ $2 == account ]] || path=/v1/pushes/$4/metrics
    result=$(curl -s -m 10 -X POST "$1$path" -H "Authorization: Bearer $KEY" -H "Idempotency-Key: $3" \
        -H 'Content-Type: application/json' -d "$(command_body "$2" "$3" "$4" "$5")" -D "$WORK/h.$3" \
        -w $'\t%{http_code}\t%{time_total}') || true
    time=${result##*$'\t'}
    rest=${result%$'\t'*}
    code=${rest##*$'\t'}
    if [[ $2 == snapshot ]]; then
        id=$5
    elif [[ $result =~ \"id\":\"(acc_[0-9a-z]+)\" ]]; then
        id=${BASH_REMATCH[1]}
    fi
    [[ $result =~ \"title\":\"([^\"]*)\" ]] && title=${BASH_REMATCH[1]// /_}
    grep -qi '^Idempotent-Replayed: true' "$WORK/h.$3" 2>/dev/null && title=replayed
    rm -f "$WORK/h.$3"
    echo "$code $time $id $title"
}

# command_worker W KIND [PUSH...] — commands 0.1 s apart until $WORK/stop exists.
command_worker() {
    local w=$1 kind=$2 i=0 sent target at=-
    shift 2
    local -a pushes=("$@")
    while [[ ! -e $WORK/stop ]]; do
        sent=$(now)
        target=cmd${w}x$i
        if [[ $kind == snapshot ]]; then
            target=${pushes[i % ${#pushes[@]}]}
            at=${sent/./}
            at=${at:0:13}
        fi
        echo "$kind cmd-$w-$i $target $sent $(send "$(silo_url $((i % 2 + 1)))" "$kind" "cmd-$w-$i" "$target" "$at")" >>"$WORK/cmd.$w"
        i=$((i + 1))
        sleep 0.1
    done
}

# retry_commands — every command not acknowledged is sent again with its own key and body until it is answered
# with anything but a 503, a timeout or 409 "Request in progress" (5 minutes at most). Lines of $WORK/retried are
# laid out like the commands', with "-" for sent-at.
retry_commands() {
    local kind key target sent code time id title answer deadline=$((SECONDS + 300))
    while read -r kind key target sent code time id title; do
        [[ $code == 2* ]] && continue
        [[ $kind == account ]] && id=-
        while :; do
            answer=$(send "$(silo_url 1)" "$kind" "$key" "$target" "$id")
            [[ $answer =~ ^(503|000|409\ [^ ]+\ [^ ]+\ Request_in_progress) && $SECONDS -lt $deadline ]] || break
            sleep 1
        done
        echo "$kind $key $target - $answer" >>"$WORK/retried"
    done < <(cat "$WORK"/cmd.*)
    touch "$WORK/retried"
}

# outage_stats STOPPED RESTARTING BACK — the answers to commands sent while PostgreSQL was down (sent after it
# stopped, answered before it was being started), and the 503s' latency over the whole run.
outage_stats() {
    awk '$5 == 503 { print $6 }' "$WORK"/cmd.* | sort -g >"$WORK/latency.503"
    cat "$WORK"/cmd.* | awk -v stopped="$1" -v restarting="$2" -v back="$3" -v latencies="$WORK/latency.503" '
        { sent = $4; took = $6 }
        sent >= stopped && sent + took <= restarting { during++; codes[$5]++; if ($5 == 503) titles[$8]++ }
        $5 ~ /^2/ && sent >= back && (first == "" || sent + took < first) { first = sent + took }
        END {
            while ((getline v < latencies) > 0) { s[++n] = v; if (v > 1) slow++ }
            other = ""; for (c in codes) if (c != 503) other = other " " c "×" codes[c]
            t503 = ""; for (x in titles) t503 = t503 " " x "×" titles[x]
            printf "%d commands sent and answered during the outage: %d × 503 (%s), other:%s; 503 latency p95 **%.3f s**, max **%.3f s** (%d × 503 in all, %d over 1 s); first 2xx %.1f s after PostgreSQL was back",
                during, codes[503], substr(t503, 2), other == "" ? " none" : other, n ? s[int(0.95 * n + 0.999)] : 0, n ? s[n] : 0, n, slow, first == "" ? -1 : first - back
        }'
}

# outage_problems — broken promises among the answers: 500s, 503s slower than 1 s, commands told "nothing was
# changed" (storage 503) whose retry replayed a stored success, commands refused when retried.
outage_problems() {
    local p=() n
    n=$(awk '$5 == 500' "$WORK"/cmd.* | wc -l)
    ((n == 0)) || p+=("$n × 500")
    n=$(awk '$5 == 503 && $6 > 1' "$WORK"/cmd.* | wc -l)
    ((n == 0)) || p+=("$n × 503 slower than 1 s")
    n=$(join <(awk '$5 == 503 && $8 == "Storage_unavailable" { print $2 }' "$WORK"/cmd.* | sort) \
        <(awk '$8 == "replayed" { print $2 }' "$WORK/retried" | sort) | wc -l)
    ((n == 0)) || p+=("$n storage 503s (\"nothing was changed\") whose retry replayed a success")
    n=$(awk '$5 !~ /^2/' "$WORK/retried" | wc -l)
    ((n == 0)) || p+=("$n commands refused when retried: $(awk '$5 !~ /^2/ { print $5, $8 }' "$WORK/retried" | sort | uniq -c | paste -sd,)")
    (IFS=';'; echo "${p[*]}")
}

# missing_commands FILTER — how many commands matching the awk FILTER are not in the database (accounts by id,
# snapshots by push and instant).
missing_commands() {
    local accounts snapshots
    accounts=$(cat "$WORK"/cmd.* "$WORK/retried" | awk "$1"' && $1 == "account" && $5 ~ /^2/ { print $7 }' | sort -u)
    snapshots=$(cat "$WORK"/cmd.* "$WORK/retried" | awk "$1"' && $1 == "snapshot" && $5 ~ /^2/ { print $3, $7 }' | sort -u)
    {
        echo "SELECT (SELECT $(grep -c . <<<"$accounts") - count(*) FROM accounts WHERE agency_id = '$AGENCY' AND id IN ("
        sed "s/.*/'&',/" <<<"$accounts"
        echo "'')) + (SELECT $(grep -c . <<<"$snapshots") - count(*) FROM push_metrics WHERE agency_id = '$AGENCY' AND (push_id, at) IN ("
        awk '{ print "('\''" $1 "'\''," $2 "),"; }' <<<"$snapshots"
        echo "('', 0)))"
    } | db
}

case_c() {
    local pushes=${1:-300} w pg_data=$REPO_ROOT/data/pg-cluster stopped restarting back settled at_stop
    local acked commands lost_acks missing_after unreadable
    local -a published
    PUSHES=$pushes
    export Campaigns__Sandbox__Latency=00:00:00.200
    cluster_start 2 || return 1
    unset Campaigns__Sandbox__Latency
    seed "$(silo_url 1)" "$ADMIN" "$pushes" $((pushes < 10 ? pushes : 10)) || return 1
    # Pushes 200 ms apart from 20 s ahead (a minute of them by default); PostgreSQL stops 15 s into them, for 30 s.
    launch "$(silo_url 1)" 20 200 || return 1
    for w in 1 2; do
        command_worker "$w" account &
        BURST_PIDS+=($!)
    done
    wait_until 120 published_at_least 10 || return 1
    mapfile -t published < <(db "SELECT id FROM pushes WHERE campaign_id = '$CAMPAIGN' AND status = 'published' ORDER BY id")
    command_worker 3 snapshot "${published[@]:0:${#published[@]}/2}" &
    BURST_PIDS+=($!)
    command_worker 4 snapshot "${published[@]:${#published[@]}/2}" &
    BURST_PIDS+=($!)
    sleep $((FIRST_INSTANT + 15 > $(date +%s) ? FIRST_INSTANT + 15 - $(date +%s) : 0))
    at_stop=$(status_counts)
    say "(c) stopping PostgreSQL (immediate shutdown); pushes: $at_stop"
    pg_stop "$pg_data" immediate
    stopped=$(now)
    sleep 30
    restarting=$(now)
    pg_start "$pg_data" "$REPO_ROOT/data/local-cluster/postgres.log" "$DB_PORT"
    back=$(now)
    [[ $PG_PORT == "$DB_PORT" ]] || { say "PostgreSQL came back on another port ($PG_PORT)"; return 1; }
    say "(c) PostgreSQL accepting connections again $(between "$stopped" "$back") s after it stopped"
    wait_until 900 all_settled || return 1
    settled=$(now)
    # Commands go on for at least 15 s after PostgreSQL is back.
    sleep "$(awk -v b="$back" -v n="$(now)" 'BEGIN { d = b + 15 - n; print (d > 0 ? d : 0) }')"
    touch "$WORK/stop"
    wait "${BURST_PIDS[@]}"
    BURST_PIDS=()
    retry_commands
    STATS=$(outage_stats "$stopped" "$restarting" "$back")
    say "(c) $STATS"
    commands=$(cat "$WORK"/cmd.* | wc -l)
    acked=$(awk '$5 ~ /^2/' "$WORK"/cmd.* | wc -l)
    lost_acks=$(missing_commands '$4 != "-"')
    missing_after=$(missing_commands '1')
    unreadable=$(awk '$1 == "account" && $5 ~ /^2/ { print $7 }' "$WORK"/cmd.* |
        xargs -P 4 -I{} curl -s -o /dev/null -w '%{http_code}\n' -m 10 "$(silo_url 2)/v1/accounts/{}" -H "Authorization: Bearer $KEY" | grep -cv '^200$' || true)
    tally
    verdict c "$(outage_problems)" \
        "$( ((lost_acks == 0 && unreadable == 0)) || echo "$lost_acks acknowledged commands missing from the database, $unreadable acknowledged accounts not readable")" \
        "$( ((missing_after == 0)) || echo "$missing_after commands missing from the database after their retries")" \
        "$( ((FAILED == 0)) || echo "$FAILED failed")"
    ROWS+=("| (c) PostgreSQL stopped (immediate shutdown) for 30 s under 2 silos, during $commands commands with Idempotency-Keys (account creations, engagement snapshots) | $PUSHES | $PUBLISHED | $DUPLICATES | $LOST | $STATS; PostgreSQL accepting connections again → every push settled **$(between "$back" "$settled") s** | ${VERDICT}$acked commands acknowledged at once, all in the database (accounts also read back through the API); the rest retried with their keys until acknowledged, all in the database after; at the stop: $at_stop; PostgreSQL accepted connections $(between "$stopped" "$back") s after it stopped; pushes 200 ms apart, each sandbox publish 0.2 s; load $load |")
}
