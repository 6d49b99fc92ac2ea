#!/usr/bin/env bash
# Ingest benchmark, one list per process so that peak_rss_MiB is that list's own peak.
# Usage: scripts/bench-ingest.sh [build dir]   (default build/release)
set -euo pipefail
build=${1:-build/release}
bin="$build/bench/ingest_benchmark"
labels=$("$bin" --benchmark_list_tests | sed -n 's|^BM_Parse/||p')
for label in $labels; do
  "$bin" --benchmark_filter="/${label}\$" --benchmark_min_time=0.5 2>/dev/null | grep -E '^BM_'
done
