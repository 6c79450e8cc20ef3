-- wrk script for ./modelport bench checkin: POST /device/v1/checkin as a rotating fleet of devices.
-- MODELPORT_BENCH_TOKENS: file with one device token per line (minted offline with the service's key).
-- MODELPORT_BENCH_DELAY_MS: pause per connection between requests (0 = as fast as possible); with C connections
-- the offered load is C * 1000 / delay requests per second, which is how a fixed fraction of peak is offered.
-- MODELPORT_BENCH_PATH / MODELPORT_BENCH_METHOD: for the nginx reference (GET of a static file of the same size).

local tokens = {}
for line in io.lines(os.getenv("MODELPORT_BENCH_TOKENS")) do
  tokens[#tokens + 1] = line
end
local pause = tonumber(os.getenv("MODELPORT_BENCH_DELAY_MS") or "0")
local path = os.getenv("MODELPORT_BENCH_PATH") or "/device/v1/checkin"
local method = os.getenv("MODELPORT_BENCH_METHOD") or "POST"
local body = '{"profile":{"deviceClass":"bench-class","deviceModel":"bench-phone","region":"EU",' ..
             '"osVersion":"14","runtimeVersion":"b5000","freeStorageBytes":8000000000},"installed":null}'
local next = 0

function setup(thread)
  thread:set("start", math.random(#tokens))
end

function init(args)
  next = start or 0
end

function request()
  next = next % #tokens + 1
  local headers = {["Authorization"] = "Bearer " .. tokens[next], ["Content-Type"] = "application/json"}
  if method == "GET" then
    return wrk.format("GET", path, headers)
  end
  return wrk.format(method, path, headers, body)
end

if pause > 0 then
  function delay()
    return pause
  end
end
