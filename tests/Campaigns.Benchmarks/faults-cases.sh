# shellcheck shell=bash
# Cases a, b and d of tests/Campaigns.Benchmarks/faults.sh (sourced by it, after faults-lib.sh; c is in
# faults-outage.sh). Each case_X takes the number of pushes (empty: its default), appends one row to ROWS, adds its
# letter to FAILURES when a promise broke, and returns non-zero only when it could not run to the end.

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

# The dead holder has no claim left: recovery put them back to scheduled (or they were settled meanwhile).
holder_emptied() {
    [[ $(db "SELECT count(*) FROM pushes WHERE lease_holder = '$HOLDER' AND status = 'publishing'") == 0 ]]
}

most_claims() {
    HOLDER=$(db "SELECT lease_holder FROM pushes WHERE campaign_id = '$CAMPAIGN' AND status = 'publishing' GROUP BY lease_holder ORDER BY count(*) DESC LIMIT 1")
    [[ -n $HOLDER ]]
}

case_b() {
    local pushes=${1:-10000} killed victim orphans at_kill recovered claims_settled settled last
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
    wait_until 900 holder_emptied || return 1
    recovered=$(now)
    wait_until 900 orphans_settled || return 1
    claims_settled=$(now)
    wait_until 900 all_settled || return 1
    settled=$(now)
    last=$(db "SELECT max(scheduled_at) / 1000.0 FROM pushes WHERE campaign_id = '$CAMPAIGN'")
    tally
    verdict b "$( ((FAILED == 0)) || echo "$FAILED failed")"
    ROWS+=("| (b) 3 silos on PostgreSQL, SIGKILL of the one holding the most claims | $PUSHES | $PUBLISHED | $DUPLICATES | $LOST | kill → its $orphans claims recovered $(between "$killed" "$recovered") s, all settled **$(between "$killed" "$claims_settled") s**; kill → every push settled $(between "$killed" "$settled") s | ${VERDICT}at the kill: $at_kill; the last push was due $(relative "$killed" "$last") the kill, all settled $(between "$last" "$settled") s after it was due; each sandbox publish 0.5 s; load $load |")
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
