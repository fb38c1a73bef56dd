#!/usr/bin/env bash
# Installs the SNMP agents and tools the SNMP tests run against, from Debian's packages, when any
# is missing: snmpd (net-snmp's agent), snmp (net-snmp's snmpwalk/snmpget, the reference reader),
# snmpsim (snmprec and snmpsimd, which record walks and serve them as a live agent) and bzip2. The
# tests start their own agents, with their own configs, loopback ports and temp dirs; the
# package's snmpd service is never started.
set -euo pipefail

missing=()
command -v snmpd >/dev/null 2>&1 || [ -x /usr/sbin/snmpd ] || missing+=(snmpd)
command -v snmpwalk >/dev/null 2>&1 || missing+=(snmp)
command -v snmpsimd >/dev/null 2>&1 || missing+=(snmpsim)
# The corpus' walks are bzip2-compressed; the tests decompress them into temp dirs.
command -v bzip2 >/dev/null 2>&1 || missing+=(bzip2)
if [ "${#missing[@]}" = 0 ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "missing SNMP tools (${missing[*]}): install Debian's packages (sudo apt-get install ${missing[*]})" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# Keep the package's post-install from starting a system-wide snmpd on port 161.
policy=/usr/sbin/policy-rc.d
made_policy=no
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy"
  chmod +x "$policy"
  made_policy=yes
fi
trap 'if [ "$made_policy" = yes ]; then rm -f "$policy"; fi' EXIT

echo "installing Debian's ${missing[*]} package(s)..." >&2
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
command -v snmpwalk >/dev/null
[ -x /usr/sbin/snmpd ]
command -v snmpsimd >/dev/null
command -v bzip2 >/dev/null
