-- wrk script: POST /match/default with one person query, the request a screening client sends
-- most. Usage: wrk -t2 -c64 -d30s --latency -s bench/http/match.lua http://127.0.0.1:8080
-- Set CORDON_KEY in the environment to send an API key.
wrk.method = "POST"
wrk.path = "/match/default"
wrk.headers["Content-Type"] = "application/json"
local key = os.getenv("CORDON_KEY")
if key and key ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. key
end
wrk.body = '{"queries": {"q1": {"schema": "Person", "properties": {"name": ["Vladimir Putin"], ' ..
           '"birthDate": ["1952-10-07"], "nationality": ["ru"]}}}}'

local non_200 = 0
response = function(status, headers, body)
  if status ~= 200 then non_200 = non_200 + 1 end
end

done = function(summary, latency, requests)
  io.write(string.format("requests %d, errors (connect/read/write/timeout/status) %d/%d/%d/%d/%d\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.timeout, summary.errors.status))
  io.write(string.format("latency p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
