#!/usr/bin/env bash
# The Nu HTML Checker for tests/frontend/test_html_validity.py: the vnu-jar npm package (from
# package-lock.json) and a Java runtime to run it. Installs each only when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v java >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq default-jre-headless >/dev/null
fi
java -version 2>&1 | head -n 1

if [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ]; then
  npm ci --no-audit --no-fund
fi
