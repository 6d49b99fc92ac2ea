#!/usr/bin/env bash
# End-to-end test of the analyst web page against a real `cordon serve`.
#
#   scripts/web-test.sh [CORDON_BINARY]     (default build/release/cordon)
#
# Builds web/ (npm ci, npm run build), loads the bundled lists into a temporary store, adds an
# API key, starts `cordon serve` on a free port with the built page, loads the sample customers
# (data/samples/customers.csv) as the book "demo" through the API (POST /books), and runs the
# browser test (web/e2e, Debian's chromium through playwright-core) with CORDON_URL, CORDON_KEY
# and CORDON_BOOK. The server is always stopped. Exit status: the test's. The screenshots land
# in web/e2e/artifacts/.
#
# Needs node >= 20.19, npm, and /usr/bin/chromium (apt-get install -y chromium); set CHROMIUM to
# use another chromium binary.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cordon="${1:-$root/build/release/cordon}"
[[ "$cordon" == /* ]] || cordon="$PWD/$cordon"
if [[ ! -x "$cordon" ]]; then
  echo "web-test: no cordon binary at $cordon (build it, or pass its path)" >&2
  exit 2
fi
if [[ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]]; then
  echo "web-test: no chromium at ${CHROMIUM:-/usr/bin/chromium} (apt-get install -y chromium)" >&2
  exit 2
fi

tmp="$(mktemp -d)"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

echo "web-test: building the page" >&2
(cd "$root/web" && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent)

echo "web-test: loading the bundled lists into $tmp/cordon.db" >&2
"$cordon" --db "$tmp/cordon.db" load >"$tmp/load.log" 2>&1 || {
  cat "$tmp/load.log" >&2
  exit 1
}
key="$("$cordon" --db "$tmp/cordon.db" keys add e2e | tail -n 1 | tr -d '[:space:]')"
[[ -n "$key" ]] || { echo "web-test: 'cordon keys add' printed no key" >&2; exit 1; }

# --db before the subcommand: it is cordon's global option.
"$cordon" --db "$tmp/cordon.db" serve --port 0 --web "$root/web/dist" \
  --trade-flows "$root/data/samples/trade_flows.csv" \
  --audit "$tmp/audit.log" >"$tmp/serve.out" 2>"$tmp/serve.err" &
server_pid=$!

# The server says where it listens once it does: "cordon: serving on http://127.0.0.1:PORT ...".
url=""
for _ in $(seq 1 600); do
  url="$(grep -o 'serving on http://[^ ]*' "$tmp/serve.err" | head -n 1 | sed 's/^serving on //')" || true
  [[ -n "$url" ]] && break
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "web-test: cordon serve exited before listening:" >&2
    cat "$tmp/serve.err" >&2
    exit 1
  fi
  sleep 0.1
done
if [[ -z "$url" ]]; then
  echo "web-test: cordon serve did not say it was listening within 60 s:" >&2
  cat "$tmp/serve.err" >&2
  exit 1
fi
echo "web-test: server at $url" >&2

# Wait until the index is loaded (503 before).
for _ in $(seq 1 600); do
  if curl -fsS "$url/readyz" >/dev/null 2>&1; then break; fi
  sleep 0.1
done

# A customer book under monitoring, loaded through the API: its alerts are on the alerts page.
book="demo"
echo "web-test: loading data/samples/customers.csv as the book '$book'" >&2
if ! curl -sS --fail-with-body -X POST -H "Authorization: Bearer $key" -H 'Content-Type: text/csv' \
  --data-binary @"$root/data/samples/customers.csv" "$url/books?name=$book" >"$tmp/book.json"; then
  echo "web-test: POST /books failed:" >&2
  cat "$tmp/book.json" >&2 || true
  exit 1
fi
grep -o '"alerts":{[^}]*}' "$tmp/book.json" | sed 's/^/web-test: /' >&2 || true

status=0
(cd "$root/web" && CORDON_URL="$url" CORDON_KEY="$key" CORDON_BOOK="$book" npm run --silent test:e2e) || status=$?
if [[ "$status" -ne 0 ]]; then
  echo "web-test: FAILED (server log follows)" >&2
  tail -n 50 "$tmp/serve.err" >&2 || true
fi
exit "$status"
