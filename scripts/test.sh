#!/usr/bin/env bash
# The whole test suite, from one clang build with AddressSanitizer + UndefinedBehaviorSanitizer
# (-O1): every unit and integration test, the web page end to end in headless Chromium against
# that build's cordon, the benchmarks compiled (not run), then a short run of every libFuzzer
# target. RELEASE_TESTS=1 also builds the release preset and runs the tests there.
# FUZZ_SECONDS (default 3) sets the time per fuzzer; FUZZ_SECONDS=0 skips fuzzing.
# CI has 30 minutes on two cores. Runs took 1,723 s with a release build, a gcc -O0 sanitizer
# build for the tests and a clang build for the fuzzers; one sanitizer build for all of it
# saves two of the three compiles of the library (the web test runs as well on it). With
# monitoring and the Kafka worker added, a fresh clone took 1,509 s here (no apt time, other
# builds running beside it): ctest 306 s of it, monitor_test and index_test the longest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
jobs=${JOBS:-$(nproc)}

echo "== ASan + UBSan build (clang): cordon, tests, fuzzers, benchmarks"
cmake --preset debug >/dev/null
cmake --build --preset debug -j "$jobs"

echo "== web page in headless Chromium against the real server"
scripts/web-test.sh build/debug/cordon

echo "== tests"
ctest --preset debug -j "$jobs"

if [ "${RELEASE_TESTS:-0}" = 1 ]; then
  echo "== release build and tests"
  cmake --preset release >/dev/null
  cmake --build --preset release -j "$jobs"
  ctest --preset release -j "$jobs"
fi

fuzz_seconds=${FUZZ_SECONDS:-3}
if [ "$fuzz_seconds" != 0 ]; then
  echo "== fuzzers (${fuzz_seconds}s each)"
  for fuzzer in build/debug/src/*/*_fuzzer; do
    name=$(basename "$fuzzer" _fuzzer)
    corpus="tests/data/${name%_parser}"
    # Formats whose fixtures share a folder.
    case "$name" in
      ownership_csv_parser | bods_json_parser) corpus=tests/data/ownership ;;
    esac
    seeds=()
    [ -d "$corpus" ] && seeds=("$corpus")
    work=$(mktemp -d)
    "$fuzzer" -max_total_time="$fuzz_seconds" -rss_limit_mb=4096 -print_final_stats=1 \
      "$work" "${seeds[@]}" 2>"$work.log" || { tail -50 "$work.log"; exit 1; }
    echo "$name: no crash in ${fuzz_seconds}s, $(grep -o 'number_of_executed_units: [0-9]*' "$work.log" | grep -o '[0-9]*') runs"
    rm -rf "$work" "$work.log"
  done
fi
echo "== all tests passed"
