#!/usr/bin/env bash
# Fails when pyproject.toml and the lock files disagree: compiles the locks again from
# pyproject.toml in a scratch folder, preferring the pins they already hold (as `make lock`
# does), and compares. A range changed without `make lock` (a pin outside its range, a package
# added or dropped) shows as a difference. Needs the package index, as `make lock` does.
set -euo pipefail
cd "$(dirname "$0")/.."
uv="$PWD/.venv/bin/uv"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/requirements"
cp pyproject.toml README.md "$work/"
cp requirements/production.txt requirements/dev.txt "$work/requirements/"
(
  cd "$work"
  compile=("$uv" pip compile pyproject.toml --quiet --generate-hashes --python-version 3.11
    --custom-compile-command "make lock")
  "${compile[@]}" --extra build -o requirements/production.txt
  "${compile[@]}" --extra build --extra dev -c requirements/production.txt -o requirements/dev.txt
)
if ! diff -u requirements/production.txt "$work/requirements/production.txt" \
  || ! diff -u requirements/dev.txt "$work/requirements/dev.txt"; then
  echo "The lock files do not match pyproject.toml: run make lock and commit requirements/." >&2
  exit 1
fi
echo "The lock files match pyproject.toml."
