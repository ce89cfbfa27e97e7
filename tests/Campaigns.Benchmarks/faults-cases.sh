# shellcheck shell=bash
# The four cases of tests/Campaigns.Benchmarks/faults.sh (sourced by it, after faults-lib.sh). Each case_X takes the
# number of pushes (empty: its default), appends one row to ROWS, adds its letter to FAILURES when a promise broke,
# and returns non-zero only when it could not run to the end.

new_admin_key() { ADMIN=adm_faults_$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n'); }

# verdict CASE PROBLEM... — the problems found (empty ones ignored) as a note; CASE joins FAILURES if there are any.
verdict() {
    local c=$1 p found=()
    shift
    ((LOST == 0)) || found+=("$LOST lost")
    ((DUPLICATES == 0)) || found+=("$DUPLICATES created more than once")
    for p in "$@"; do [[ -z $p ]] || found+=("$p"); done
    VERDICT=""
    if ((${#found[@]})); then
        FAILURES+=("$c")
        VERDICT="**BROKEN: $(IFS=';'; echo "${found[*]}" | sed 's/;/; /g')**; "
    fi
}

# (a) ----------------------------------------------------------------------------------------------------------------
case_a() {
    local pushes=${1:-1000} killed restarted ready settled at_kill
    PUSHES=$pushes
    new_admin_key
    export Campaigns__Sandbox__Latency=00:00:01.500
    host_start "$WORK/data" || return 1
    seed "$HOST_URL" "$ADMIN" "$pushes" $((pushes < 100 ? pushes : 100)) || return 1
    launch "$HOST_URL" 15 || return 1
    # Killed when the first outcomes are recorded: most pushes are then claimed and in flight.
    wait_until 300 published_at_least 1 || return 1
    host_kill
    killed=$(now)
    at_kill=$(status_counts)
    say "(a) SIGKILL; pushes at the kill: $at_kill"
    restarted=$(now)
    host_start "$WORK/data" || return 1
    ready=$(now)
    wait_until 900 all_settled || return 1
    settled=$(now)
    unset Campaigns__Sandbox__Latency
    tally
    verdict a "$( ((FAILED == 0)) || echo "$FAILED failed")"
    ROWS+=("| (a) SIGKILL of the one host (SQLite) during the burst, restarted at once | $PUSHES | $PUBLISHED | $DUPLICATES | $LOST | kill → every push settled **$(between "$killed" "$settled") s** (restart → ready $(between "$restarted" "$ready") s, ready → settled $(between "$ready" "$settled") s) | ${VERDICT}at the kill: $at_kill; each sandbox publish 1.5 s; load $load |")
}

# (b) ----------------------------------------------------------------------------------------------------------------
orphans_settled() {
    [[ $( (echo "SELECT count(*) FROM pushes WHERE status IN ('scheduled', 'publishing') AND id IN ("; sed "s/.*/'&',/" "$WORK/orphans"; echo "'')") | db) == 0 ]]
}

most_claims() {
    HOLDER=$(db "SELECT lease_holder FROM pushes WHERE campaign_id = '$CAMPAIGN' AND status = 'publishing' GROUP BY lease_holder ORDER BY count(*) DESC LIMIT 1")
    [[ -n $HOLDER ]]
}

case_b() {
    local pushes=${1:-10000} killed victim reader i orphans at_kill claims_settled settled last
    PUSHES=$pushes
    export Campaigns__Sandbox__Latency=00:00:00.500
    cluster_start 3 || return 1
    unset Campaigns__Sandbox__Latency
    seed "$(silo_url 1)" "$ADMIN" "$pushes" $((pushes < 100 ? pushes : 100)) || return 1
    launch "$(silo_url 1)" 40 || return 1
    wait_until 600 published_at_least $((pushes >= 5 ? pushes / 5 : 1)) || return 1
    wait_until 60 most_claims || return 1
    victim=$(silo_of_holder "$HOLDER")
    kill -KILL -- "-$(silo_pid "$victim")"
    killed=$(now)
    db "SELECT id FROM pushes WHERE lease_holder = '$HOLDER' AND status = 'publishing'" >"$WORK/orphans"
    orphans=$(wc -l <"$WORK/orphans")
    at_kill=$(status_counts)
    say "(b) SIGKILL of silo $victim ($HOLDER) holding $orphans claims; pushes at the kill: $at_kill"
    wait_until 900 orphans_settled || return 1
    claims_settled=$(now)
    wait_until 900 all_settled || return 1
    settled=$(now)
    last=$(db "SELECT max(scheduled_at) / 1000.0 FROM pushes WHERE campaign_id = '$CAMPAIGN'")
    tally
    verdict b "$( ((FAILED == 0)) || echo "$FAILED failed")"
    ROWS+=("| (b) 3 silos on PostgreSQL, SIGKILL of the one holding the most claims | $PUSHES | $PUBLISHED | $DUPLICATES | $LOST | kill → its $orphans claims settled **$(between "$killed" "$claims_settled") s**; kill → every push settled $(between "$killed" "$settled") s | ${VERDICT}at the kill: $at_kill; the last push was due $(relative "$killed" "$last") the kill, all settled $(between "$last" "$settled") s after it was due; each sandbox publish 0.5 s; load $load |")
}

# (c) ----------------------------------------------------------------------------------------------------------------
burst_body() {
    printf '{"platform":"douyin","handle":"%s","kind":"grassroots","brand":"acme","timeZone":"Asia/Shanghai","followers":100}' "$1"
}

# post_account BASE IDEMPOTENCY-KEY HANDLE — one POST /v1/accounts; prints "code seconds id title" (id and title "-"
# when absent; title with underscores for spaces).
post_account() {
    local result code rest time id=- title=-
    result=$(curl -s -m 10 -X POST "$1/v1/accounts" -H "Authorization: Bearer $KEY" -H "Idempotency-Key: $2" \
        -H 'Content-Type: application/json' -d "$(burst_body "$3")" -D "$WORK/h.$2" -w $'\t%{http_code}\t%{time_total}') || true
    time=${result##*$'\t'}
    rest=${result%$'\t'*}
    code=${rest##*$'\t'}
    [[ $result =~ \"id\":\"(acc_[0-9a-z]+)\" ]] && id=${BASH_REMATCH[1]}
    [[ $result =~ \"title\":\"([^\"]*)\" ]] && title=${BASH_REMATCH[1]// /_}
    grep -qi '^Idempotent-Replayed: true' "$WORK/h.$2" 2>/dev/null && title=replayed
    rm -f "$WORK/h.$2"
    echo "$code $time $id $title"
}

# burst_worker W — account creations with Idempotency-Keys, alternating between the silos, 0.1 s apart, until
# $WORK/stop exists. Each line of $WORK/burst.W: key handle sent-at code seconds id title.
burst_worker() {
    local w=$1 i=0 t0
    while [[ ! -e $WORK/stop ]]; do
        t0=$(now)
        echo "burst-$w-$i burst${w}x$i $t0 $(post_account "$(silo_url $((i % 2 + 1)))" "burst-$w-$i" "burst${w}x$i")" >>"$WORK/burst.$w"
        i=$((i + 1))
        sleep 0.1
    done
}

# retry_burst — every command not acknowledged is sent again with its own key and body until it is (409 "in
# progress" waits). Lines of $WORK/retried: key code id title.
retry_burst() {
    local key handle t0 code time id title deadline=$((SECONDS + 300)) answer
    while read -r key handle t0 code time id title; do
        [[ $code == 2* ]] && continue
        while :; do
            answer=$(post_account "$(silo_url 1)" "$key" "$handle")
            [[ $answer != 2* && $SECONDS -lt $deadline ]] || break
            sleep 1
        done
        echo "$key $answer" >>"$WORK/retried"
    done < <(cat "$WORK"/burst.*)
    touch "$WORK/retried"
}

case_c() {
    local pushes=${1:-300} w pg_data=$REPO_ROOT/data/pg-cluster stopped restarting back settled stats lost_acks
    local acked listed commands created missing at_stop
    PUSHES=$pushes
    export Campaigns__Sandbox__Latency=00:00:00.200
    cluster_start 2 || return 1
    unset Campaigns__Sandbox__Latency
    seed "$(silo_url 1)" "$ADMIN" "$pushes" $((pushes < 10 ? pushes : 10)) || return 1
    # Pushes 200 ms apart for a minute from 20 s ahead; PostgreSQL stops 15 s into it, for 30 s.
    launch "$(silo_url 1)" 20 200 || return 1
    for w in 1 2 3 4; do
        burst_worker "$w" &
        BURST_PIDS+=($!)
    done
    sleep $((FIRST_INSTANT + 15 > $(date +%s) ? FIRST_INSTANT + 15 - $(date +%s) : 0))
    at_stop=$(status_counts)
    say "(c) stopping PostgreSQL (immediate): $at_stop"
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
    # The commands go on for at least 15 s after PostgreSQL is back.
    sleep "$(awk -v b="$back" -v n="$(now)" 'BEGIN { d = b + 15 - n; print d > 0 ? d : 0 }')"
    touch "$WORK/stop"
    wait "${BURST_PIDS[@]}"
    BURST_PIDS=()
    retry_burst
    stats=$(burst_stats "$stopped" "$restarting" "$back")
    say "(c) $stats"
    acked=$(awk '$4 ~ /^2/' "$WORK"/burst.* | wc -l)
    # Every acknowledged command is in the database, and every command was applied once (after its retries).
    lost_acks=$( (echo "SELECT $acked - count(*) FROM accounts WHERE agency_id = '$AGENCY' AND id IN ("; awk '$4 ~ /^2/ { print "'\''" $6 "'\''," }' "$WORK"/burst.*; echo "'')") | db)
    listed=$(cat "$WORK"/burst.* "$WORK"/retried | awk '($4 ~ /^2/ && NF == 7) || ($2 ~ /^2/ && NF == 5)' | wc -l)
    commands=$(cat "$WORK"/burst.* | wc -l)
    created=$(db "SELECT count(*) FROM accounts WHERE agency_id = '$AGENCY' AND handle_key LIKE '%burst%'")
    missing=$(awk '$4 ~ /^2/ { print $6 }' "$WORK"/burst.* | xargs -P 4 -I{} curl -s -o /dev/null -w '%{http_code}\n' -m 10 "$(silo_url 2)/v1/accounts/{}" -H "Authorization: Bearer $KEY" | grep -cv '^200$' || true)
    tally
    verdict c "$(burst_problems)" \
        "$( ((lost_acks == 0 && missing == 0)) || echo "$lost_acks acknowledged accounts missing from the database, $missing not found through the API")" \
        "$( ((created == commands)) || echo "$commands commands but $created accounts after retries")" \
        "$( ((listed == commands)) || echo "$((commands - listed)) commands never acknowledged, even retried")" \
        "$( ((FAILED == 0)) || echo "$FAILED failed")"
    ROWS+=("| (c) PostgreSQL stopped (immediate shutdown) for 30 s, 2 silos, during $commands account creations with Idempotency-Keys | $PUSHES | $PUBLISHED | $DUPLICATES | $LOST | $stats; PostgreSQL accepting connections again → every push settled **$(between "$back" "$settled") s** | ${VERDICT}$acked acknowledged at once, all $acked in the database and readable; after retrying the rest with their keys, $created accounts for $commands commands; at the stop: $at_stop; PostgreSQL accepted connections $(between "$stopped" "$back") s after it stopped; pushes 200 ms apart, each sandbox publish 0.2 s; load $load |")
}

# burst_stats STOPPED RESTARTING BACK — the answers to commands sent while PostgreSQL was down (sent after it stopped,
# answered before it was being started), and the 503s' latency.
burst_stats() {
    awk '$4 == 503 { print $5 }' "$WORK"/burst.* | sort -g >"$WORK/latency.503"
    cat "$WORK"/burst.* | awk -v stopped="$1" -v restarting="$2" -v back="$3" -v latencies="$WORK/latency.503" '
        { sent = $3; took = $5 }
        sent >= stopped && sent + took <= restarting { during++; codes[$4]++; if ($4 == 503) titles[$7]++ }
        $4 ~ /^2/ && sent >= back && (first == "" || sent + took < first) { first = sent + took }
        END {
            while ((getline v < latencies) > 0) { s[++n] = v; if (v > 1) slow++ }
            other = ""; for (c in codes) if (c != 503) other = other " " c "×" codes[c]
            t503 = ""; for (x in titles) t503 = t503 " " x "×" titles[x]
            printf "%d commands during the outage: %d × 503 (%s), other:%s; 503 latency p95 **%.3f s**, max **%.3f s** (%d × 503 in all, %d over 1 s); first 2xx %.1f s after PostgreSQL was back",
                during, codes[503], substr(t503, 2), other == "" ? " none" : other, n ? s[int(0.95 * n + 0.999)] : 0, n ? s[n] : 0, n, slow, first == "" ? -1 : first - back
        }'
}

# burst_problems — broken promises among the burst's answers: anything but a 503 during the outage, a 500, a 503
# slower than 1 s, a storage 503 ("nothing was changed") whose retry was a replay of a stored success.
burst_problems() {
    local p=()
    local replayed
    cat "$WORK"/burst.* | awk '$4 == 500 { n++ } END { exit n > 0 ? 1 : 0 }' || p+=("500s answered")
    cat "$WORK"/burst.* | awk '$4 == 503 && $5 > 1 { n++ } END { exit n > 0 ? 1 : 0 }' || p+=("503s slower than 1 s")
    replayed=$(join <(awk '$4 == 503 && $7 == "Storage_unavailable" { print $1 }' "$WORK"/burst.* | sort) <(awk '$5 == "replayed" { print $1 }' "$WORK/retried" | sort) | wc -l)
    ((replayed == 0)) || p+=("$replayed storage 503s (\"nothing was changed\") whose retry replayed a success")
    echo "${p[*]}"
}

# (d) ----------------------------------------------------------------------------------------------------------------
case_d() {
    local pushes=${1:-1000} settled wrong_attempts
    PUSHES=$pushes
    new_admin_key
    export Campaigns__Sandbox__FailureRate=0.5
    host_start "$WORK/data" || return 1
    unset Campaigns__Sandbox__FailureRate
    seed "$HOST_URL" "$ADMIN" "$pushes" $((pushes < 100 ? pushes : 100)) || return 1
    launch "$HOST_URL" 15 || return 1
    wait_until 900 all_settled || return 1
    settled=$(now)
    tally
    wrong_attempts=$(db "SELECT count(*) FROM pushes WHERE campaign_id = '$CAMPAIGN' AND status = 'failed' AND attempts <> 5")
    verdict d "$( ((wrong_attempts == 0)) || echo "$wrong_attempts failed before 5 attempts")"
    ROWS+=("| (d) sandbox FailureRate=0.5 (one host, SQLite) | $PUSHES | $PUBLISHED (+ $FAILED failed after 5 attempts, no post) | $DUPLICATES | $LOST | first instant → every push settled $(between "$FIRST_INSTANT" "$settled") s | ${VERDICT}$RETRIES retried attempts; default MaxAttempts 5, RetryBaseSeconds 5; load $load |")
}
