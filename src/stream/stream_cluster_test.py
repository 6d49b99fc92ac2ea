#!/usr/bin/env python3
"""`cordon stream` as separate processes in one consumer group, on cordon-kafka-mock.

Three workers screen a topic that kcat fills in three waves. After the first wave one worker is
killed with SIGKILL (the group rebalances once its session times out); during the second a
broker goes down for a few seconds and comes back; the survivors are stopped with SIGTERM at the
end. A kcat consumer reads the output topic throughout. The test passes when:
  * every input record has a result (none lost),
  * a record's results (a duplicate after the kill is allowed) all carry its input coordinates,
  * for every key, results first appear in the order the key's records were produced,
  * the surviving workers stop cleanly (exit 0) on SIGTERM.

usage: stream_cluster_test.py --cordon BUILD/cordon --mock BUILD/cordon-kafka-mock
                              --data SOURCE/data [--records 3000] [--keep]
"""
import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

KEYS = 40
WORKERS = 3
PARTITIONS = 6

# Real names from the bundled UN list, and names that match nothing: a mix of results.
NAMES = [
    ("Company", "Congomet Trading House"),
    ("Company", "Butembo Airlines"),
    ("Person", "Margarethe Vollstaendig"),
    ("Company", "Rheinland Elektronik GmbH"),
    ("Person", "Jerome Kakwavu Bukande"),
]


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


class Cluster:
    def __init__(self, args, workdir):
        self.args = args
        self.workdir = workdir
        self.processes = []
        self.workers = []

    def start_mock(self):
        self.mock = subprocess.Popen(
            [self.args.mock, "--brokers", "3", "--topic", f"in:{PARTITIONS}", "--topic",
             f"out:{PARTITIONS}"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=open(
                os.path.join(self.workdir, "mock.log"), "w"), text=True, bufsize=1)
        self.processes.append(self.mock)
        self.brokers = self.mock.stdout.readline().strip()
        if not self.brokers:
            raise SystemExit("cordon-kafka-mock printed no bootstrap servers")
        log(f"mock cluster: {self.brokers}")

    def broker(self, verb, broker_id):
        self.mock.stdin.write(f"{verb} {broker_id}\n")
        self.mock.stdin.flush()
        answer = self.mock.stdout.readline().strip()
        if answer != "ok":
            raise SystemExit(f"cordon-kafka-mock: {verb} {broker_id}: {answer}")
        log(f"broker {broker_id} {verb}")

    def start_worker(self, index):
        stderr = open(os.path.join(self.workdir, f"worker{index}.log"), "w")
        worker = subprocess.Popen(
            [self.args.cordon, "--db", self.db, "stream", "--brokers", self.brokers, "--group",
             "screening", "--input-topic", "in", "--output-topic", "out", "--report", "2",
             "--metrics-port", "0",
             "--kafka-config", "session.timeout.ms=6000",
             "--kafka-config", "heartbeat.interval.ms=500",
             "--kafka-config", "reconnect.backoff.max.ms=500",
             "--kafka-config", "log_level=3"]
            + [arg for config in self.args.worker_config for arg in ("--kafka-config", config)],
            stdout=subprocess.DEVNULL, stderr=stderr)
        self.processes.append(worker)
        self.workers.append(worker)
        return worker

    def metrics(self, index):
        """The worker's /metrics as {name: value}, or None before it serves them."""
        log_path = os.path.join(self.workdir, f"worker{index}.log")
        with open(log_path) as f:
            match = re.search(r"metrics on (http://\S+/metrics)", f.read())
        if not match:
            return None
        try:
            text = urllib.request.urlopen(match.group(1), timeout=5).read().decode()
        except OSError:
            return None
        values = {}
        for line in text.splitlines():
            if line and not line.startswith("#"):
                name, value = line.rsplit(" ", 1)
                values[name] = float(value)
        return values

    def start_reader(self):
        self.output_path = os.path.join(self.workdir, "out.txt")
        self.reader = subprocess.Popen(
            ["kcat", "-C", "-b", self.brokers, "-t", "out", "-o", "beginning", "-u", "-q",
             "-f", "%k\t%p\t%o\t%s\n"],
            stdout=open(self.output_path, "w"), stderr=open(
                os.path.join(self.workdir, "reader.log"), "w"))
        self.processes.append(self.reader)

    def produce(self, records):
        lines = "".join(f"{key}\t{json.dumps(value)}\n" for key, value in records)
        subprocess.run(["kcat", "-P", "-b", self.brokers, "-t", "in", "-K", "\t", "-q"],
                       input=lines, text=True, check=True, timeout=60)

    def results(self):
        out = []
        with open(self.output_path) as f:
            for line in f:
                if not line.endswith("\n"):
                    break  # still being written
                key, partition, offset, value = line.rstrip("\n").split("\t", 3)
                out.append((key, int(partition), int(offset), json.loads(value)))
        return out

    def wait_for(self, count, timeout, what):
        deadline = time.time() + timeout
        while time.time() < deadline:
            seen = {r[3].get("id") for r in self.results()}
            if len(seen) >= count:
                return
            time.sleep(0.05)
        raise SystemExit(f"timed out waiting for {what}: {len(seen)} of {count} results")

    def stop(self):
        for process in self.processes:
            if process.poll() is None:
                process.kill()
                process.wait()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cordon", required=True)
    parser.add_argument("--mock", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--records", type=int, default=3000)
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--worker-config", action="append", default=[], metavar="KEY=VALUE",
                        help="another librdkafka property for the workers")
    args = parser.parse_args()
    if shutil.which("kcat") is None:
        raise SystemExit("kcat is not installed (scripts/install-deps.sh)")

    workdir = tempfile.mkdtemp(prefix="cordon_stream_cluster_")
    cluster = Cluster(args, workdir)
    started = time.time()
    try:
        cluster.db = os.path.join(workdir, "cordon.db")
        subprocess.run([args.cordon, "--db", cluster.db, "ingest",
                        os.path.join(args.data, "lists/un/UN_consolidated.xml.zst")],
                       check=True, stdout=subprocess.DEVNULL, timeout=120)
        cluster.start_mock()
        for index in range(WORKERS):
            cluster.start_worker(index)
        cluster.start_reader()

        # Each key's records carry their sequence in the id: "<key>/<seq>".
        sequence = {}
        records = []
        for index in range(args.records):
            key = f"key{index % KEYS:02d}"
            seq = sequence.get(key, 0)
            sequence[key] = seq + 1
            schema, name = NAMES[index % len(NAMES)]
            records.append((key, {"kind": "customer", "id": f"{key}/{seq}", "schema": schema,
                                  "properties": {"name": [name]}}))
        wave = args.records // 3
        cluster.produce(records[:wave])
        # A worker is killed as soon as it is screening, so that it dies with records read and
        # not yet committed: its partitions' next owner reads them again (duplicates).
        deadline = time.time() + 60
        victim = None
        while victim is None and time.time() < deadline:
            for index, worker in enumerate(cluster.workers):
                values = cluster.metrics(index)
                if values and values.get("cordon_stream_results_out_total", 0) >= 20:
                    victim = index
                    break
            time.sleep(0.02)
        if victim is None:
            raise SystemExit("no worker screened anything within 60 s")
        cluster.workers[victim].send_signal(signal.SIGKILL)
        cluster.workers[victim].wait()
        log(f"worker {victim} killed (SIGKILL) after reading "
            f"{values['cordon_stream_records_in_total']:.0f} records "
            f"({values['cordon_stream_results_out_total']:.0f} results acknowledged)")
        survivors = [w for i, w in enumerate(cluster.workers) if i != victim]

        cluster.produce(records[wave:2 * wave])
        cluster.broker("down", 2)
        time.sleep(3)
        cluster.broker("up", 2)
        cluster.produce(records[2 * wave:])
        cluster.wait_for(len(records), 90, "every result")

        for worker in survivors:
            worker.send_signal(signal.SIGTERM)
        for worker in survivors:
            code = worker.wait(timeout=60)
            if code != 0:
                raise SystemExit(f"a worker exited with {code} after SIGTERM")
        time.sleep(0.5)  # the reader's last lines

        results = cluster.results()
        ids = [r[3].get("id") for r in results]
        expected = {value["id"] for _, value in records}
        missing = expected - set(ids)
        if missing:
            raise SystemExit(f"{len(missing)} records lost, e.g. {sorted(missing)[:5]}")
        # Duplicates are recognisable: every result of one record cites one input coordinate.
        coordinates = {}
        for key, _, _, result in results:
            if "error" in result:
                raise SystemExit(f"unexpected error result: {result['error']}")
            where = (result["input"]["topic"], result["input"]["partition"],
                     result["input"]["offset"])
            if coordinates.setdefault(result["id"], where) != where:
                raise SystemExit(f"{result['id']}: results cite {coordinates[result['id']]} "
                                 f"and {where}")
            if not result["versions"] or result["versions"][0]["source"] != "un_sc":
                raise SystemExit(f"{result['id']}: no list versions cited")
            if result["id"].split("/")[0] != key:
                raise SystemExit(f"{result['id']}: keyed {key}, not like its input")
        # Partition order per key: the first result of each record comes in produce order.
        first_seen = {}
        for key, _, _, result in results:
            seq = int(result["id"].split("/")[1])
            order = first_seen.setdefault(key, [])
            if seq not in order:
                order.append(seq)
        for key, order in first_seen.items():
            if order != sorted(order):
                raise SystemExit(f"{key}: results out of order: {order[:20]}...")
        duplicates = len(ids) - len(set(ids))
        log(f"ok: {len(expected)} records, {len(results)} results ({duplicates} duplicates "
            f"after the kill), every key in order, in {time.time() - started:.1f} s")
    except BaseException:
        log(f"failed; logs in {workdir}")
        for name in sorted(os.listdir(workdir)):
            if name.endswith(".log"):
                with open(os.path.join(workdir, name)) as f:
                    tail = f.readlines()[-15:]
                print(f"--- {name} (last lines)\n{''.join(tail)}", file=sys.stderr)
        args.keep = True
        raise
    finally:
        cluster.stop()
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
