#!/usr/bin/env bash
# Installs Debian's Chromium (and a font) for the browser tests, only when it is missing.
# Playwright drives this browser; `playwright install` is never run (it downloads its own build).
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
else
  SUDO="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
/usr/bin/chromium --version
