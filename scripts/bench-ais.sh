#!/usr/bin/env bash
# AIS decoding benchmark: cordon's decoder (src/maritime/ais.h) against Debian's gpsdecode on the
# same file of at least 10 million sentences (the gpsd, libais and aisdb sample logs repeated),
# one core, in one run. Prints read/decode/decode+JSON times, messages and sentences per second
# for both, and the ratios. See bench/ais_benchmark.cc for the flags.
#
# Usage: scripts/bench-ais.sh [build dir] [ais_benchmark flags...]
#   scripts/bench-ais.sh                            # build/release, 10M sentences
#   scripts/bench-ais.sh --sentences=1000000        # a smaller file
#   scripts/bench-ais.sh build/rel --no_gpsdecode   # cordon only
# gpsdecode comes from gpsd-clients (scripts/install-deps.sh); when it is missing and we are
# root it is installed here. JOBS sets the build parallelism (default 2). Figures go to stdout,
# progress to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
build=build/release
if [[ $# -gt 0 && $1 != -* ]]; then
  build=$1
  shift
fi
if ! command -v gpsdecode > /dev/null && [[ " $* " != *" --no_gpsdecode "* ]]; then
  if [[ $(id -u) -eq 0 ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends gpsd-clients >&2
  else
    echo "bench-ais.sh: gpsdecode not found: apt-get install -y gpsd-clients" >&2
    exit 1
  fi
fi
if [[ ! -f $build/build.ninja ]]; then
  if [[ $build == build/release ]]; then
    cmake --preset release
  else
    cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release
  fi
fi
if ! cmake --build "$build" --target ais_benchmark -j "${JOBS:-2}"; then
  echo "bench-ais.sh: could not build ais_benchmark (it needs the cordon_maritime target)" >&2
  exit 1
fi
exec "$build/bench/ais_benchmark" "$@"
