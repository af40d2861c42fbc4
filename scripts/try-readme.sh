#!/usr/bin/env bash
# Runs every command of the README's "Using it" block, in order, in a fresh clone of HEAD, then
# the README's test command there: the README's examples must be safe to run in a clone and
# leave it passing its tests. Takes several minutes (two builds, the shipped experiments).
#   scripts/try-readme.sh [--keep]    (--keep leaves the clone for inspection)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
clone=$(mktemp -d)/platform-sim
[ "${1:-}" = "--keep" ] || trap 'rm -rf "$(dirname "$clone")"' EXIT
git clone --quiet "$repo" "$clone"
cd "$clone"
swift build -c release --product platform-sim >&2
platform-sim() { "$clone/.build/release/platform-sim" "$@"; }
# The shell lines of the block after "## Using it", comments and blank lines dropped.
commands=$(awk '/^## Using it/ {on = 1} on && /^```sh/ {inside = 1; next}
  inside && /^```/ {exit} inside' README.md | sed 's/[[:space:]]*#.*$//' | grep -v '^[[:space:]]*$')
echo "\$ swift run -c release platform-sim" >&2
swift run -c release platform-sim > /dev/null   # the main job, from "The two commands"
while IFS= read -r command; do
  echo "\$ $command" >&2
  eval "$command" > /dev/null
done <<< "$commands"
echo "git status after the examples:" >&2
git status --short >&2
swift test 2>&1 | tail -3
