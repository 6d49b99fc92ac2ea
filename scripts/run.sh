#!/usr/bin/env bash
# The main job on a fresh Debian 12 machine: install dependencies, build, load the bundled
# sanctions lists into ./cordon.db (every bundled version, with deltas) and report on them.
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
