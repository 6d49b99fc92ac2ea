#!/usr/bin/env bash
# Screening benchmark: Google Benchmark timings, then the figures table that
# docs/design/matching.md quotes (index build and size, latency percentiles, throughput on one
# and on every core, brute-force baseline, synthetic 1M-entity corpus).
#
# Usage: scripts/bench-match.sh [build dir] [match_benchmark flags...]
#   scripts/bench-match.sh                                    # build/release, 1M corpus
#   scripts/bench-match.sh --corpus=100000                    # a smaller synthetic corpus
#   scripts/bench-match.sh build/release --benchmark_filter=none   # the figures only
# JOBS sets the build parallelism (default 2).
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
if ! cmake --build "$build" --target match_benchmark -j "${JOBS:-2}"; then
  echo "bench-match.sh: could not build match_benchmark (is src/match built? it needs the" \
    "cordon_match target)" >&2
  exit 1
fi
exec "$build/bench/match_benchmark" "$@"
