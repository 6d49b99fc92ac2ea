#!/usr/bin/env bash
# Ownership derivation benchmark: a generated corporate ownership graph (10M edges by default),
# then per regime (us, eu, uk) Derive wall time on one core, derivation memory, peak RSS,
# nodes per status and Explain latency, with sanity checks on planted cycles (exit status 1
# when one fails). See bench/ownership_benchmark.cc for the flags.
#
# Usage: scripts/bench-ownership.sh [build dir] [ownership_benchmark flags...]
#   scripts/bench-ownership.sh                                 # build/release, 10M edges
#   scripts/bench-ownership.sh --edges=1000000                 # a smaller graph
#   scripts/bench-ownership.sh --regimes=uk --as_of=2024-01-01
#   scripts/bench-ownership.sh --edges=1000000 --write_csv=/tmp/own/edges.csv   # for the CLI
# JOBS sets the build parallelism (default 2). The figures go to stdout, progress to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
build=build/release
if [[ $# -gt 0 && $1 != -* ]]; then
  build=$1
  shift
fi
if [[ ! -f $build/build.ninja ]]; then
  if [[ $build == build/release ]]; then
    cmake --preset release
  else
    cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
  fi
fi
if ! cmake --build "$build" --target ownership_benchmark -j "${JOBS:-2}"; then
  echo "bench-ownership.sh: could not build ownership_benchmark (is src/graph built? it needs" \
    "the cordon_graph target)" >&2
  exit 1
fi
exec "$build/bench/ownership_benchmark" "$@"
