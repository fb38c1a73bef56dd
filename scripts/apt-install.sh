#!/usr/bin/env bash
# Installs Debian packages for the tests and the demo: apt-get install PACKAGE..., as root, with
# the packages' own services kept from starting (the project starts its own servers, with their
# own configs, ports and data directories). Used by the install-*.sh scripts beside it.
set -euo pipefail

if [ "$(id -u)" != 0 ]; then
  echo "missing Debian packages ($*): install them as root (sudo apt-get install $*)" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
policy=/usr/sbin/policy-rc.d
made_policy=no
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy"
  chmod +x "$policy"
  made_policy=yes
fi
trap 'if [ "$made_policy" = yes ]; then rm -f "$policy"; fi' EXIT

echo "installing Debian's $* package(s)..." >&2
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends "$@" >&2
