-- wrk script: cycles over request paths read from a file, one per line (PATHS env var, default
-- benchmarks/load/out/rest-paths.txt, written by `Geographie.LoadGen gen`). Each wrk thread starts at a different
-- offset. Prints p50/p90/p99/p99.9 and the status-class counts at the end.
local file = os.getenv("PATHS") or "benchmarks/load/out/rest-paths.txt"
local paths = {}
for line in io.lines(file) do
  if #line > 0 then paths[#paths + 1] = line end
end
local threads = {}
local counter = 0
local i = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  i = ((id or 1) * 7919) % #paths
  s2xx, s3xx, s4xx, s5xx = 0, 0, 0, 0
end

function request()
  i = i + 1
  if i > #paths then i = 1 end
  return wrk.format("GET", paths[i])
end

function response(status, headers, body)
  if status < 300 then s2xx = s2xx + 1 elseif status < 400 then s3xx = s3xx + 1
  elseif status < 500 then s4xx = s4xx + 1 else s5xx = s5xx + 1 end
end

function done(summary, latency, requests)
  local a, b, c, d = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    a = a + t:get("s2xx"); b = b + t:get("s3xx"); c = c + t:get("s4xx"); d = d + t:get("s5xx")
  end
  io.write(string.format("RESULT paths=%d requests=%d rps=%.0f p50=%.3fms p90=%.3fms p99=%.3fms p99.9=%.3fms max=%.3fms errors=%d 2xx=%d 3xx=%d 4xx=%d 5xx=%d\n",
    #paths, summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout,
    a, b, c, d))
end
