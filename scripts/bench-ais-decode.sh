#!/usr/bin/env bash
# End-to-end AIS decoding to gpsd JSON: `cordon ais decode LOG > /dev/null` against
# `gpsdecode -j < LOG > /dev/null` (Debian's gpsd-clients) on the same real log, in one run.
# Unlike scripts/bench-ais.sh (which times the decoder inside one process), this times the two
# commands as a user runs them: reading the file, decoding, writing every message as a JSON line.
#
# The log is every AIS sentence line of the gpsd, libais and aisdb sample logs in
# shared/data/ais (the same lines bench/ais_benchmark.cc uses: tag blocks and receiver
# timestamps kept, CR removed, comments dropped), in file order so that multi-sentence groups
# stay whole, repeated until it holds at least SENTENCES sentences (default 2,200,000).
#
# Each command runs REPEAT times (default 3), alternating, pinned to the same core; the best
# wall time is kept with its CPU time (user + sys). Messages: cordon's own count (its summary on
# stderr); gpsdecode's output lines for one copy of the log times the copies.
#
# Usage: scripts/bench-ais-decode.sh [cordon binary]        # default build/rel/cordon
#   SENTENCES=10000000 REPEAT=5 scripts/bench-ais-decode.sh build/release/cordon
#   DATA=/path/to/shared/data/ais  CPU=1 (the core to pin to; default the last one)
# It builds nothing: build the release binary first, e.g.
#   cmake -S . -B build/rel -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo && ninja -C build/rel cordon
# Figures go to stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
cordon=${1:-build/rel/cordon}
data=${DATA:-../shared/data/ais}
sentences=${SENTENCES:-2200000}
repeat=${REPEAT:-3}
cpu=${CPU:-$(($(nproc) - 1))}

die() {
  echo "bench-ais-decode.sh: $*" >&2
  exit 1
}
[[ -x $cordon ]] || die "$cordon is not built (see the usage at the top of this script)"
command -v gpsdecode > /dev/null || die "gpsdecode not found: apt-get install -y gpsd-clients"
[[ -d $data ]] || die "no AIS data in $data (set DATA)"

work=$(mktemp -d /tmp/cordon-ais-decode-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT

# One copy: the sentence lines of the sample logs.
for f in gpsd/sample.aivdm gpsd/ais-18-27.log gpsd/ais-raw-messages.log \
  gpsd/ais_unpack_sixbit.log libais/test.aivdm libais/typeexamples.nmea libais/tagblock.nmea \
  aisdb/test_data_20211101.nm4; do
  [[ -f $data/$f ]] || die "missing $data/$f"
  tr -d '\r' < "$data/$f" | awk '
    /^#/ { next }
    { bang = index($0, "!"); if (bang > 0 && substr($0, bang + 3, 2) == "VD") print }'
done > "$work/one.nmea"
per_copy=$(wc -l < "$work/one.nmea")
copies=$(((sentences + per_copy - 1) / per_copy))
for ((c = 0; c < copies; c++)); do cat "$work/one.nmea"; done > "$work/log.nmea"
total=$((per_copy * copies))
gpsd_per_copy=$(gpsdecode -j < "$work/one.nmea" 2> /dev/null | wc -l)
gpsd_messages=$((gpsd_per_copy * copies))

# Runs "$@" pinned to $cpu with stdin from the log and stdout to /dev/null; prints
# "wall user+sys" in seconds. stderr goes to $work/stderr.
timed() {
  /usr/bin/time -o "$work/time" -f '%e %U %S' taskset -c "$cpu" "$@" \
    < "$work/log.nmea" > /dev/null 2> "$work/stderr"
  awk '{ printf "%s %.2f\n", $1, $2 + $3 }' "$work/time"
}

best_cordon="" best_gpsd=""
for ((r = 0; r < repeat; r++)); do
  t=$(timed "$cordon" ais decode "$work/log.nmea")
  cordon_summary=$(cat "$work/stderr")
  if [[ -z $best_cordon ]] || awk -v a="$t" -v b="$best_cordon" \
    'BEGIN { split(a, x); split(b, y); exit !(x[1] < y[1]) }'; then best_cordon=$t; fi
  t=$(timed gpsdecode -j)
  if [[ -z $best_gpsd ]] || awk -v a="$t" -v b="$best_gpsd" \
    'BEGIN { split(a, x); split(b, y); exit !(x[1] < y[1]) }'; then best_gpsd=$t; fi
done
cordon_messages=$(sed -n 's/.* AIS sentences, \([0-9]*\) messages.*/\1/p' <<< "$cordon_summary")
[[ -n $cordon_messages ]] || die "no message count in cordon's summary: $cordon_summary"

read -r cw cc <<< "$best_cordon"
read -r gw gc <<< "$best_gpsd"
awk -v total="$total" -v copies="$copies" -v cm="$cordon_messages" -v gm="$gpsd_messages" \
  -v cw="$cw" -v cc="$cc" -v gw="$gw" -v gc="$gc" -v repeat="$repeat" -v cpu="$cpu" \
  -v cordon="$cordon" -v size="$(stat -c %s "$work/log.nmea")" 'BEGIN {
  printf "input          %d sentences (%d copies of the sample logs), %.1f MiB\n",
         total, copies, size / 1048576
  printf "runs           best wall time of %d, each pinned to core %d\n", repeat, cpu
  printf "cordon         %s ais decode LOG > /dev/null\n", cordon
  printf "               %d messages, %.2f s wall, %.2f s CPU: %.3f M messages/s (wall), %.3f M/s (CPU)\n",
         cm, cw, cc, cm / cw / 1e6, cm / cc / 1e6
  printf "gpsdecode      gpsdecode -j < LOG > /dev/null\n"
  printf "               %d messages, %.2f s wall, %.2f s CPU: %.3f M messages/s (wall), %.3f M/s (CPU)\n",
         gm, gw, gc, gm / gw / 1e6, gm / gc / 1e6
  printf "ratio          cordon / gpsdecode messages/s: %.1fx (wall), %.1fx (CPU)\n",
         (cm / cw) / (gm / gw), (cm / cc) / (gm / gc)
  # Each counts what it prints (cordon also prints type 24 parts gpsdecode holds back), so the
  # time for the same log is given too.
  printf "               gpsdecode / cordon time for the same log: %.1fx (wall), %.1fx (CPU)\n",
         gw / cw, gc / cc
}'
