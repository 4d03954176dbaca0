#!/usr/bin/env bash
# Installs Debian's nginx for `make serve` and the replica test when it is missing. No service is enabled or
# started by the project: deploy/serve.py runs nginx as a child process with its own config on loopback only.
set -euo pipefail
if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ]; then SUDO=""; else SUDO="sudo -n"; fi
echo "Installing Debian's nginx (apt) for the replica set-up..."
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# policy-rc.d exit 101: the package must not start the system nginx service on port 80 (an existing file is kept).
CREATED=""
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
  $SUDO chmod +x /usr/sbin/policy-rc.d
  CREATED=1
fi
STATUS=0
$SUDO apt-get install -y -qq nginx >/dev/null || STATUS=$?
if [ -n "$CREATED" ]; then $SUDO rm -f /usr/sbin/policy-rc.d; fi
[ "$STATUS" = "0" ] || exit "$STATUS"
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null
