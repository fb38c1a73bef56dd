#!/usr/bin/env bash
# Installs Debian's chromium package when chromium is missing. The status page test
# (tests: io.telemetry.it.ops.StatusPageIT) runs it headless against a node to render the page,
# dump its DOM after the script ran and take a screenshot.
set -euo pipefail

if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
"$(dirname "${BASH_SOURCE[0]}")/apt-install.sh" chromium
command -v chromium >/dev/null
