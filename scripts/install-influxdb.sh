#!/usr/bin/env bash
# Installs Debian's influxdb package (influxd 1.6) when influxd is missing. The tests and the demo
# start influxd themselves, with their own config, ports and data directory; the package's own
# service is never started.
set -euo pipefail

if command -v influxd >/dev/null 2>&1; then
  exit 0
fi
"$(dirname "${BASH_SOURCE[0]}")/apt-install.sh" influxdb
command -v influxd >/dev/null
