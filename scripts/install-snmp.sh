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
"$(dirname "${BASH_SOURCE[0]}")/apt-install.sh" "${missing[@]}"
command -v snmpwalk >/dev/null
[ -x /usr/sbin/snmpd ]
command -v snmpsimd >/dev/null
command -v bzip2 >/dev/null
