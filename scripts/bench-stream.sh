#!/usr/bin/env bash
# Throughput of `cordon stream` on cordon-kafka-mock (three brokers on loopback): the same input
# topic screened by one worker, then by two in another group, on every bundled list. Prints
# records/s in all and per worker, timed from the first record read to the last result
# acknowledged (polling the workers' /metrics every 50 ms), so the workers' start-up, the index
# build and the group join are not counted.
#
# Usage: scripts/bench-stream.sh [build dir]      (default build/release)
# RECORDS (default 6000) sets the input size; PARTITIONS (default 4) the input's partitions.
# The input: the sample customers (data/samples/customers.csv: Latin, Cyrillic, Arabic and
# Chinese names, dates of birth, an IMO number) as FtM customer records, cycled.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
records=${RECORDS:-6000}
partitions=${PARTITIONS:-4}
command -v kcat >/dev/null || { echo "bench-stream.sh: kcat not found: apt-get install -y kcat" >&2; exit 1; }
if [[ ! -x $build/cordon || ! -x $build/cordon-kafka-mock ]]; then
  cmake --preset release >/dev/null
  cmake --build --preset release --target cordon cordon-kafka-mock
fi
cordon=$build/cordon
tmp=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT

"$cordon" --db "$tmp/cordon.db" load >/dev/null 2>&1
"$build/cordon-kafka-mock" --brokers 3 --topic "in:$partitions" --topic "out1:$partitions" \
  --topic "out2:$partitions" >"$tmp/mock.out" 2>"$tmp/mock.log" </dev/null &
pids+=($!)
brokers=""
for _ in $(seq 1 100); do
  brokers=$(head -1 "$tmp/mock.out" 2>/dev/null) || true
  [[ -n $brokers ]] && break
  sleep 0.1
done
[[ -n $brokers ]] || { cat "$tmp/mock.log" >&2; exit 1; }

python3 - "$records" data/samples/customers.csv >"$tmp/input.tsv" <<'EOF'
import csv, json, sys
count, path = int(sys.argv[1]), sys.argv[2]
rows = list(csv.DictReader(open(path, encoding="utf-8")))
for i in range(count):
    row = rows[i % len(rows)]
    properties = {"name": [row["name"]]}
    if row.get("date_of_birth"): properties["birthDate"] = [row["date_of_birth"]]
    if row.get("nationality"): properties["nationality"] = [row["nationality"]]
    if row.get("imo"): properties["imoNumber"] = [row["imo"]]
    record = {"kind": "customer", "id": f"{row['id']}-{i}", "schema": row.get("schema") or None,
              "properties": properties}
    print(f"k{i % 97}\t{json.dumps(record, ensure_ascii=False)}")
EOF
kcat -P -b "$brokers" -t in -K $'\t' -q <"$tmp/input.tsv"
echo "input: $records customer records in $partitions partitions; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
# One run: WORKERS workers in a group of their own write to TOPIC; their /metrics are polled
# every 50 ms, and the clock runs from the first record read to the last result acknowledged.
cat >"$tmp/run.py" <<'EOF'
import os, re, signal, subprocess, sys, time, urllib.request
cordon, db, brokers, workers, topic, records, tmp = sys.argv[1:8]
workers, records = int(workers), int(records)
procs, logs = [], []
for index in range(workers):
    logs.append(os.path.join(tmp, f"{topic}-worker{index}.log"))
    procs.append(subprocess.Popen(
        [cordon, "--db", db, "stream", "--brokers", brokers, "--group", f"bench-{topic}",
         "--input-topic", "in", "--output-topic", topic, "--metrics-port", "0", "--report", "5",
         "--kafka-config", "log_level=3"], stderr=open(logs[-1], "w")))

def counters(log):
    match = re.search(r"metrics on (http://\S+/metrics)", open(log).read())
    if not match:
        return (0.0, 0.0, 0.0)
    try:
        text = urllib.request.urlopen(match.group(1), timeout=5).read().decode()
    except OSError:
        return (0.0, 0.0, 0.0)
    value = lambda name: float(re.search(rf"^{name} (\S+)$", text, re.M).group(1))
    return (value("cordon_stream_records_in_total"), value("cordon_stream_results_out_total"),
            value("cordon_stream_screen_seconds_total"))

first = last = None
deadline = time.time() + 600
while time.time() < deadline:
    read, out, _ = map(sum, zip(*(counters(log) for log in logs)))
    now = time.time()
    if first is None and read > 0:
        first = now
    if out >= records:
        last = now
        break
    time.sleep(0.05)
final = [counters(log) for log in logs]
for proc in procs:
    proc.send_signal(signal.SIGTERM)
for proc in procs:
    proc.wait()
if last is None:
    sys.exit(f"{workers} worker(s): timed out")
seconds = last - first
rate = records / seconds
screening = sum(c[2] for c in final)
print(f"{workers} worker(s): {records} records in {seconds:.2f} s: {rate:.0f} records/s, "
      f"{rate / workers:.0f} records/s per worker (results per worker: "
      f"{', '.join(str(int(c[1])) for c in final)}; screening took "
      f"{screening / workers / seconds:.0%} of each worker's time, "
      f"{screening / records * 1e6:.0f} us a record)")
EOF
python3 "$tmp/run.py" "$cordon" "$tmp/cordon.db" "$brokers" 1 out1 "$records" "$tmp"
python3 "$tmp/run.py" "$cordon" "$tmp/cordon.db" "$brokers" 2 out2 "$records" "$tmp"
