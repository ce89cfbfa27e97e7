#!/usr/bin/env bash
# Regenerates docs/images/report-example.svg and report-example.json from a real run of the host: a throwaway
# SQLite data directory, sandbox engagement at an hour per second, fed every 2 s. Nine sandbox accounts on three
# platforms post two videos, 4 s apart, and the report is fetched a minute later (≈ 60 simulated hours).
#
#   bash docs/images/report-example.sh            (needs dotnet, curl, jq; ~2 minutes)
#   SHOW=1 bash docs/images/report-example.sh     (also prints the responses docs/api.md quotes)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
OUT="$ROOT/docs/images"
DATA=$(mktemp -d "${TMPDIR:-/tmp}/campaigns-report-example.XXXXXX")
PORT=${PORT:-5097}
BASE="http://127.0.0.1:$PORT"
ADMIN="adm_example_$(date +%s)"
HOST_PID=""
cleanup() {
    [[ -n $HOST_PID ]] && kill "$HOST_PID" 2>/dev/null && wait "$HOST_PID" 2>/dev/null || true
    rm -rf "$DATA"
}
trap cleanup EXIT

dotnet build "$ROOT/src/Campaigns.Host" -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet "$ROOT/src/Campaigns.Host/bin/Release/net10.0/Campaigns.Host.dll" --urls "$BASE" \
    --Campaigns:DataDirectory="$DATA" --Campaigns:AdminKey="$ADMIN" \
    --Campaigns:Cluster:SiloPort=11197 \
    --Campaigns:Sandbox:TimeScale=3600 --Campaigns:Sandbox:FeedSeconds=2 >"$DATA/host.log" 2>&1 &
HOST_PID=$!
for _ in $(seq 120); do curl -sf "$BASE/health/ready" >/dev/null && break; sleep 0.5; done

post() { # post PATH JSON -> body
    curl -sf -X POST "$BASE$1" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' -d "$2"
}
KEY=$ADMIN
KEY=$(post /v1/agencies '{"name":"Acme Agency"}' | jq -r .apiKey)

accounts=()
i=0
for platform in douyin douyin douyin kuaishou kuaishou kuaishou xiaohongshu xiaohongshu xiaohongshu; do
    i=$((i + 1))
    followers=$((20000 * i * i))
    accounts+=("$(post /v1/accounts "{\"platform\":\"$platform\",\"handle\":\"acme_$i\",\"displayName\":\"Acme 护肤 $i\",
        \"brand\":\"acme\",\"kind\":\"influencer\",\"timeZone\":\"Asia/Shanghai\",\"followers\":$followers,
        \"caps\":{\"maxPostsPerDay\":5,\"minGapMinutes\":1},\"connector\":{\"type\":\"sandbox\"}}" | jq -r .id)")
done
serum=$(post /v1/products '{"sku":"ACME-SERUM-30","title":"精华液 30ml","price":{"amount":199,"currency":"CNY"}}' | jq -r .id)
mask=$(post /v1/products '{"sku":"ACME-MASK-5","title":"面膜 5 片","price":{"amount":89,"currency":"CNY"}}' | jq -r .id)
v1=$(post /v1/videos "{\"title\":\"30 天精华液挑战\",\"type\":\"product-showcase\",\"durationSeconds\":60,\"productIds\":[\"$serum\",\"$mask\"]}" | jq -r .id)
v2=$(post /v1/videos "{\"title\":\"面膜开箱\",\"type\":\"influencer-ip\",\"durationSeconds\":45,\"productIds\":[\"$mask\"]}" | jq -r .id)
ids=$(printf '"%s",' "${accounts[@]}"); ids="[${ids%,}]"
start=$(date -u -d '+3 seconds' +%Y-%m-%dT%H:%M:%SZ)
campaign=$(post /v1/campaigns "{\"name\":\"夏季精华液上新 · Summer serum launch\",\"brand\":\"acme\",\"timeZone\":\"Asia/Shanghai\",
    \"productIds\":[\"$serum\",\"$mask\"],\"videoIds\":[\"$v1\",\"$v2\"],
    \"strategy\":{\"kind\":\"matrix\",\"accounts\":{\"ids\":$ids},\"startAt\":\"$start\",\"staggerSeconds\":4}}" | jq -r .id)
post "/v1/campaigns/$campaign/launch" '{}' >/dev/null
sleep 30
post "/v1/accounts/${accounts[8]}/followers" "{\"count\":1650000,\"at\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\"}" >/dev/null
sleep 30
if [[ ${SHOW:-} == 1 ]]; then # the responses docs/api.md quotes
    get() { curl -sf "$BASE$1" -H "Authorization: Bearer $KEY"; echo; }
    push=$(get "/v1/campaigns/$campaign/pushes?status=published&limit=1" | jq -r '.items[0].id')
    get "/v1/pushes/$push"; get "/v1/pushes/$push/metrics?limit=3"; get "/v1/videos/$v1"; get "/v1/accounts/${accounts[8]}"
    get "/v1/products/$mask"; curl -s -i "$BASE/v1/campaigns/$campaign/report.svg" -H "Authorization: Bearer $KEY" | head -4
fi
curl -sf "$BASE/v1/campaigns/$campaign/report.svg" -H "Authorization: Bearer $KEY" >"$OUT/report-example.svg"
curl -sf "$BASE/v1/campaigns/$campaign/report" -H "Authorization: Bearer $KEY" | jq . >"$OUT/report-example.json"
echo "wrote $OUT/report-example.svg and report-example.json (campaign $campaign)"
