-- wrk script for the metrics benchmark's wrk phase: POST /v1/pushes/{id}/metrics, each wrk thread cycling through its
-- own share of the pushes (every THREADS-th line of the pushes file, from its index), one snapshot per push per cycle.
-- Cycle k's snapshot is at AT0 + k ms with counters BASE + 1000k, 100k, …, so every snapshot is a valid increase over
-- the push's previous one; a push comes round again only after its thread's whole share (thousands of requests), so
-- its snapshots arrive in order. Arguments: pushes file, threads, first cycle, AT0 (Unix ms), BASE, the agency's key.
-- At the end it prints "not applied: N", the 2xx answers that did not say "applied":true.
local threads = {}
local mine = {}
local position = 0
local cycle = 0
local at0, base = 0, 0
misses = 0
local key = ""

function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end

function init(args)
  local count = tonumber(args[2])
  cycle = tonumber(args[3])
  at0 = tonumber(args[4])
  base = tonumber(args[5])
  key = "Bearer " .. args[6]
  local line_number = 0
  for line in io.lines(args[1]) do
    if line_number % count == index then
      table.insert(mine, line)
    end
    line_number = line_number + 1
  end
end

local function iso(ms)
  return os.date("!%Y-%m-%dT%H:%M:%S", math.floor(ms / 1000)) .. string.format(".%03dZ", ms % 1000)
end

request = function()
  position = position + 1
  if position > #mine then
    position = 1
    cycle = cycle + 1
  end
  local k = cycle
  local body = string.format(
    '{"at":"%s","views":%d,"likes":%d,"comments":%d,"shares":%d,"clicks":%d,"orders":%d,"gmv":%d}',
    iso(at0 + k), base + 1000 * k, base + 100 * k, base + 10 * k, base + k, base + 20 * k, base + 2 * k, base + 10 * k)
  return wrk.format("POST", "/v1/pushes/" .. mine[position] .. "/metrics",
    {["Content-Type"] = "application/json", ["Authorization"] = key}, body)
end

response = function(status, headers, body)
  if status >= 200 and status < 300 and not string.find(body, '"applied":true', 1, true) then
    misses = misses + 1
  end
end

done = function(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("misses")
  end
  io.write(string.format("not applied: %d\n", total))
end
