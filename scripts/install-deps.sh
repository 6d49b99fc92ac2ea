#!/usr/bin/env bash
# Installs what cordon needs to build and test on Debian 12. Idempotent; needs root (or sudo).
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates zstd
  clang libclang-rt-14-dev clang-format
  libicu-dev libpugixml-dev nlohmann-json3-dev libsqlite3-dev libcurl4-openssl-dev
  libcli11-dev libfmt-dev libzstd-dev libssl-dev libkakasi2-dev
  libgtest-dev libgmock-dev libbenchmark-dev python3
  gpsd-clients libcpp-httplib-dev wrk
  librdkafka-dev kcat
  nodejs chromium
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update
$sudo apt-get install -y --no-install-recommends "${missing[@]}"
# Debian's own nodejs ships npm as a package of its own; NodeSource's includes it.
if ! command -v npm >/dev/null; then
  $sudo apt-get install -y --no-install-recommends npm
fi
