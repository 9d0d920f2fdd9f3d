#!/usr/bin/env bash
# Installs the system packages tlpcheck builds against (Debian/Ubuntu): libpcap's headers and
# pkg-config. Does nothing when they are already there.
set -euo pipefail
if dpkg -s libpcap-dev pkg-config >/dev/null 2>&1; then
    exit 0
fi
run() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
run apt-get update
run apt-get install -y libpcap-dev pkg-config
