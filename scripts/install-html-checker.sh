#!/usr/bin/env bash
# The Nu HTML Checker for tests/frontend/test_html_validity.py: the vnu-jar npm package (from
# package-lock.json) and a Java runtime to run it. Installs each only when it is missing.
# Needs root (or sudo) and apt-get for Java or npm; exits 1 with what to do when it cannot.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/apt-install.sh

if ! command -v java >/dev/null 2>&1; then
  echo "Installing a Java runtime for the Nu HTML Checker (apt-get install default-jre-headless)..."
  apt_install default-jre-headless
fi

if [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "Installing Node.js and npm for the Nu HTML Checker (apt-get install nodejs npm)..."
    apt_install nodejs npm
  fi
  echo "Installing the Nu HTML Checker and the front-end tools from package-lock.json (npm ci)..."
  npm ci --no-audit --no-fund --loglevel=error
fi
