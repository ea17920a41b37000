#!/usr/bin/env bash
# Debian's Chromium (and a font) for the browser tests, installed only when it is missing.
# Playwright drives this browser; `playwright install` is never run (it downloads its own build).
# Needs root (or sudo) and apt-get; exits 1 with what to do when it cannot install.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/apt-install.sh

if [ -x /usr/bin/chromium ]; then
  exit 0
fi
echo "Installing Debian's Chromium for the browser tests (apt-get install chromium fonts-dejavu-core)..."
apt_install chromium fonts-dejavu-core
/usr/bin/chromium --version
