#!/usr/bin/env bash
# The whole test suite: a release build of cordon and the benchmarks, the web page end to end in
# headless Chromium against that cordon, the unit and integration tests under AddressSanitizer +
# UndefinedBehaviorSanitizer, then a short run of every libFuzzer target.
# FUZZ_SECONDS (default 3) sets the time per fuzzer; FUZZ_SECONDS=0 skips fuzzing. CI runs took
# 1,723 s of their 1,800 when the fuzzers had a clang build of their own and the tests a gcc -O0
# one; one clang -O1 build now serves both (its tests ran in 192 s instead of 300 to 430 s).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
jobs=${JOBS:-$(nproc)}

echo "== release build: cordon and the benchmarks"
# The unit and integration tests run once, in the sanitizer build below: building them twice
# would take CI past its 30 minutes on two cores. RELEASE_TESTS=1 runs them here too.
# Line tables only (-g1): full debug information made the release build and the links of the
# five benchmarks a good part of CI's time; perf still names functions and lines.
cmake --preset release -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" \
  -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" >/dev/null
if [ "${RELEASE_TESTS:-0}" = 1 ]; then
  cmake --build --preset release -j "$jobs"
  ctest --preset release -j "$jobs"
else
  cmake --build --preset release -j "$jobs" --target cordon \
    $(ninja -C build/release -t targets all | grep -o '^[a-z0-9_]*_benchmark:' | tr -d ':' | sort -u)
fi

echo "== web page in headless Chromium against the real server"
scripts/web-test.sh build/release/cordon

echo "== ASan + UBSan build (clang): tests and fuzzers"
cmake --preset debug >/dev/null
cmake --build --preset debug -j "$jobs"
ctest --preset debug -j "$jobs"

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
