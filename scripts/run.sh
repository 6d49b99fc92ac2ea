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
