#!/usr/bin/env bash
# What the test suite needs beyond Python, installed only when missing: Debian's Chromium for the
# browser tests, and Java with the Nu HTML Checker for the HTML validity test. `make test` and
# CI (.ci/run) both run this. When something cannot be installed (not root, no apt-get) it says
# so and carries on: the tests that need it then fail with the command to run.
set -uo pipefail
cd "$(dirname "$0")/.."

status=0
bash scripts/install-browser.sh || status=1
bash scripts/install-html-checker.sh || status=1
if [ "$status" -ne 0 ]; then
  echo "Some test tools are missing (see above): the browser and HTML validity tests will fail." >&2
  if [ -n "${CI:-}" ]; then
    exit 1
  fi
fi
exit 0
