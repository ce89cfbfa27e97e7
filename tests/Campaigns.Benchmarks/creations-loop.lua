-- wrk script for creations-loop.sh: POST /v1/accounts with a fresh handle per request (prefix from the first script
-- argument, a random number per thread, a counter), the accounts benchmark's body, the key from the second argument or
-- $APIKEY. Also the accounts benchmark's wrk run.
local counter = 0
local prefix = ""
local key = ""
function setup(thread)
  thread:set("tid", tostring(math.random(1, 1e9)))
end
function init(args)
  prefix = (args[1] or "h") .. "_" .. tid
  key = "Bearer " .. (args[2] or os.getenv("APIKEY"))
end
request = function()
  counter = counter + 1
  local handle = prefix .. "_" .. counter
  local body = '{"platform":"douyin","handle":"' .. handle .. '","displayName":"Display ' .. handle .. '","brand":"acme",'
    .. '"kind":"brand","persona":"skincare expert","audienceTags":{"beauty":0.9,"Skincare":0.6},"timeZone":"Asia/Shanghai",'
    .. '"followers":120000,"caps":{"maxPostsPerDay":3,"minGapMinutes":60,"quietHours":{"from":"23:00","to":"07:00"}},'
    .. '"connector":{"type":"sandbox"}}'
  return wrk.format("POST", "/v1/accounts",
    {["Content-Type"] = "application/json", ["Authorization"] = key}, body)
end
