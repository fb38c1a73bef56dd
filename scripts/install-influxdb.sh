#!/usr/bin/env bash
# Installs Debian's influxdb package (influxd 1.6) when influxd is missing. The tests and the demo
# start influxd themselves, with their own config, ports and data directory; the package's own
# service is never started.
set -euo pipefail

if command -v influxd >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "influxd is missing: install Debian's influxdb package (sudo apt-get install influxdb)" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# Keep the package's post-install from starting a system-wide influxd.
policy=/usr/sbin/policy-rc.d
made_policy=no
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy"
  chmod +x "$policy"
  made_policy=yes
fi
trap '[ "$made_policy" = yes ] && rm -f "$policy"' EXIT

echo "installing Debian's influxdb package..." >&2
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends influxdb >&2
command -v influxd >/dev/null
