#!/usr/bin/env bash
# The main job on a fresh Debian 12 machine: install dependencies, build, load the bundled
# sanctions lists into ./cordon.db (every bundled version, with deltas), report on them, and
# screen a small sample of customers (data/samples/customers.csv) against every list.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target cordon
db=${CORDON_DB:-cordon.db}
./build/release/cordon --db "$db" load
echo
./build/release/cordon --db "$db" lists
echo
./build/release/cordon --db "$db" diff us_ofac_sdn --limit 10
echo
./build/release/cordon --db "$db" show un_sc:2960872
echo
./build/release/cordon compare "Владимир Путин" "PUTIN, Vladimir Vladimirovich" --schema Person
echo
./build/release/cordon --db "$db" screen --input data/samples/customers.csv --limit 3 \
  --output screening-results.jsonl
python3 - <<'PY' 2>/dev/null || cat screening-results.jsonl
import json
for line in open("screening-results.jsonl"):
    r = json.loads(line)
    hits = "; ".join(f'{m["caption"]} ({m["entity_id"]}) {m["score"]:.3f}' for m in r["matches"])
    print(f'{r["id"]}: {hits or "no match"}')
PY

echo
# Ownership and control: a company of the OpenSanctions data that a person on the OFAC SDN list
# held 75 % of from 2020 to November 2022, under each regime's rules in June 2022 (listings as
# dated then: blocked under the US rule; the EU and UK listed him only later).
./build/release/cordon --db "$db" ownership explain opensanctions:NK-9Xa4Kg7Y7nfccE7VcZt6Q6 \
  --as-of 2022-06-01 --current-lists
echo
# The worked cases of the regimes' rules, from an edges file: every status that is not clear.
./build/release/cordon ownership derive --edges data/samples/ownership_edges.csv \
  --listed data/samples/ownership_listed.csv --as-of 2025-01-01 --output ownership-statuses.jsonl
python3 - <<'PY' 2>/dev/null || cat ownership-statuses.jsonl
import json
rows = {}
for line in open("ownership-statuses.jsonl"):
    r = json.loads(line)
    rows.setdefault(r["id"], {})[r["regime"]] = r["status"]
for node, status in rows.items():
    print(f'{node:8} ' + "  ".join(f'{k}={status.get(k, "clear"):10}' for k in ("us", "eu", "uk")))
PY
echo
# Regimes side by side: who lists the subjects of the Russia programmes (the records of the lists
# resolved into subjects), and whether a general licence covered an energy payment to Sberbank on
# the last day of OFAC's GL 8L.
./build/release/cordon --db "$db" divergence --programme russia --limit 5
echo
./build/release/cordon licence check --regime us --party "Sberbank of Russia" --activity energy \
  --date 2025-03-11
echo
# Maritime: a generated day and a half of AIS (data/samples/shadow_fleet.nmea.zst, written by
# `ais_scenario`: a meeting at sea, a dark period offshore, a Primorsk call, a spoofed jump, a
# renamed vessel, identity cases). Decode a few messages the way gpsd prints them, then the
# events, then one vessel's risk, then a price-cap check.
./build/release/cordon ais decode data/samples/shadow_fleet.nmea.zst --output ais-messages.jsonl
head -2 ais-messages.jsonl
./build/release/cordon --db "$db" ais events data/samples/shadow_fleet.nmea.zst \
  --output ais-events.jsonl
python3 - <<'PY' 2>/dev/null || cat ais-events.jsonl
import json
for line in open("ais-events.jsonl"):
    e = json.loads(line)
    print(f'{e["type"]:20} MMSI {e["mmsi"]} {e["start"]} .. {e["end"]}')
PY
./build/release/cordon --db "$db" vessel 352001234 --ais data/samples/shadow_fleet.nmea.zst
./build/release/cordon pricecap check --regime eu --product crude --price 52.5 \
  --loading-date 2025-10-01 --contract-date 2025-06-15 || true

echo
# Trade: generated shipments (data/samples/shipments.jsonl, written by `trade_samples`: benign
# trade and each diversion pattern, some consignees real Entity List and SDN companies) screened
# for CHPL goods reaching Russia through third countries; then generated trade flows ranked by
# where those goods pile up.
./build/release/cordon --db "$db" trade screen --input data/samples/shipments.jsonl \
  --output trade-results.jsonl
python3 - <<'PY' 2>/dev/null || head -3 trade-results.jsonl
import json
rows = [json.loads(line) for line in open("trade-results.jsonl")]
for r in [r for r in rows if r["level"] == "high"][:6] + [r for r in rows if r["level"] == "low"][:2]:
    codes = ", ".join(dict.fromkeys(f["code"] for f in r["findings"]))
    print(f'{r["id"]}: {r["level"]:6} risk {r["risk"]:3}  {codes or "no findings"}')
PY
./build/release/cordon trade flows --input data/samples/trade_flows.csv --top 5

echo
# Monitoring: a store holding the July 2021 OFAC SDN list, the sample customers loaded as a book
# (screened in full), then the May 2024 SDN list ingested: the book is re-screened incrementally
# and the alerts it raised are listed (new, changed and cleared matches, with both scores).
monitor_db=monitor-demo.db
rm -f "$monitor_db" "$monitor_db-wal" "$monitor_db-shm"
./build/release/cordon --db "$monitor_db" ingest data/lists/ofac/2021-07_watchman_bench/*.zst \
  >/dev/null
./build/release/cordon --db "$monitor_db" book load customers data/samples/customers.csv
./build/release/cordon --db "$monitor_db" ingest data/lists/ofac/sdn.csv.zst
./build/release/cordon --db "$monitor_db" alerts --book customers

echo
# The service: build the analyst web page, add an API key, start `cordon serve` on a free port
# and screen through the yente-compatible API as a client would, then stop the server. To keep
# it running: ./build/release/cordon --db cordon.db serve   (then open http://127.0.0.1:8080/).
(cd web && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent) >/dev/null
./build/release/cordon --db "$db" keys revoke main-job >/dev/null 2>&1 || true
key=$(./build/release/cordon --db "$db" keys add main-job 2>/dev/null)
serve_log=$(mktemp)
./build/release/cordon --db "$db" serve --port 0 --web web/dist \
  --trade-flows data/samples/trade_flows.csv 2>"$serve_log" &
server=$!
trap 'kill $server 2>/dev/null || true; rm -f "$serve_log"' EXIT
url=""
for _ in $(seq 1 300); do
  url=$(grep -o 'serving on http://[0-9.:]*' "$serve_log" | cut -d' ' -f3) && [ -n "$url" ] && break
  sleep 0.1
done
head -2 "$serve_log"
answer=$(mktemp)
curl -s -H "Authorization: Bearer $key" -H 'Content-Type: application/json' "$url/match/default" \
  -d '{"queries": {"q1": {"schema": "Person", "properties": {"name": ["Владимир Путин"],
       "birthDate": ["1952-10-07"]}},
       "q2": {"schema": "Vessel", "properties": {"name": ["Artavil"], "imoNumber": ["9187629"]}}}}' \
  >"$answer"
python3 - "$answer" <<'PY' 2>/dev/null || cat "$answer"
import json, sys
answer = json.load(open(sys.argv[1]))
for name, response in answer["responses"].items():
    hits = "; ".join(
        "{} ({}, {}) {:.3f}".format(r["caption"], r["id"], "/".join(r["regimes"]), r["score"])
        for r in response["results"])
    print(f"POST /match/default {name}: {hits or 'no match'}")
print("computed on", ", ".join(f"{v['source']}@{v['version']}" for v in answer["versions"]))
PY
rm -f "$answer"
curl -s "$url/metrics" | grep -E '^cordon_(http_requests_total|index_entities)' | head -3
kill $server
wait $server 2>/dev/null || true
./build/release/cordon audit verify
