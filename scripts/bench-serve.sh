#!/usr/bin/env bash
# Load test of `cordon serve`: wrk (Debian) with 64 connections for 30 s against POST
# /match/default on every bundled list, then the same while new list versions are ingested by
# another process (the server swaps its index under load). Prints requests/s, p50/p90/p99
# latency and errors for both runs; the per-request script is bench/http/match.lua.
#
# Usage: scripts/bench-serve.sh [build dir]      (default build/release)
# DURATION (default 30s), CONNECTIONS (default 64) and THREADS (wrk threads, default 2) adjust it.
# SERVER_CPUS and CLIENT_CPUS (taskset lists, e.g. 0 and 1) pin the server and wrk to cores of
# their own, so that the client's work does not count in the server's latency.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
duration=${DURATION:-30s}
connections=${CONNECTIONS:-64}
threads=${THREADS:-2}
pin_server=(); pin_client=()
[[ -n ${SERVER_CPUS:-} ]] && pin_server=(taskset -c "$SERVER_CPUS")
[[ -n ${CLIENT_CPUS:-} ]] && pin_client=(taskset -c "$CLIENT_CPUS")
command -v wrk >/dev/null || { echo "bench-serve.sh: wrk not found: apt-get install -y wrk" >&2; exit 1; }
if [[ ! -x $build/cordon ]]; then
  cmake --preset release >/dev/null
  cmake --build --preset release --target cordon
fi
cordon=$build/cordon
tmp=$(mktemp -d)
server_pid=""
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

"$cordon" --db "$tmp/cordon.db" load >/dev/null
key=$("$cordon" --db "$tmp/cordon.db" keys add loadtest 2>/dev/null | tail -n 1)
# The rate limit is off: 64 connections of one key are the load, not abuse.
"${pin_server[@]}" "$cordon" --db "$tmp/cordon.db" serve --port 0 --rate-limit 0 --audit "$tmp/audit.log" \
  2>"$tmp/serve.log" &
server_pid=$!
url=""
for _ in $(seq 1 600); do
  url=$(grep -o 'serving on http://[0-9.:]*' "$tmp/serve.log" | head -1 | cut -d' ' -f3) || true
  [[ -n $url ]] && break
  sleep 0.1
done
[[ -n $url ]] || { cat "$tmp/serve.log" >&2; exit 1; }
entities=$(curl -s "$url/readyz" | grep -o '"entities":[0-9]*' | cut -d: -f2)
echo "server $url: $entities entities, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

run_wrk() {
  CORDON_KEY=$key "${pin_client[@]}" wrk -t"$threads" -c"$connections" -d"$duration" --latency \
    -s bench/http/match.lua "$url" | grep -E "^requests|^latency|Requests/sec"
  server_side
}

# The server's own view (its latency histogram, request read to response written), cumulative
# since it started: what share of /match requests it answered within 1, 5 and 10 ms.
server_side() {
  local metrics total within
  metrics=$(curl -s "$url/metrics" | grep 'path="/match/{dataset}"')
  total=$(grep '^cordon_http_request_duration_seconds_count' <<<"$metrics" | awk '{print $2}')
  [[ -n $total && $total -gt 0 ]] || return 0
  within() { grep "le=\"$1\"" <<<"$metrics" | awk -v t="$total" '{printf "%.2f%%", 100 * $2 / t}'; }
  echo "server side so far: $(within 0.001) within 1 ms, $(within 0.005) within 5 ms," \
    "$(within 0.01) within 10 ms, of $total requests"
}

echo "== steady: $connections connections, $duration"
run_wrk

echo "== during list updates: us_ofac_sdn re-ingested as new versions every 5 s"
(
  sleep 2
  for round in 1 2 3; do
    "$cordon" --db "$tmp/cordon.db" ingest data/lists/ofac/2021-07_watchman_bench/*.csv.zst >/dev/null
    sleep 5
    "$cordon" --db "$tmp/cordon.db" ingest data/lists/ofac/sdn.csv.zst >/dev/null
    sleep 5
  done
) &
updater=$!
run_wrk
wait "$updater"
swaps=$(curl -s "$url/metrics" | grep '^cordon_index_swaps_total' | cut -d' ' -f2)
echo "index swaps during the run: $swaps; versions now: $(curl -s -H "Authorization: Bearer $key" \
  -o /dev/null -w '%header{x-cordon-lists}' -X POST "$url/match/default" -d '{"queries":{}}')"
"$cordon" audit verify --audit "$tmp/audit.log"
