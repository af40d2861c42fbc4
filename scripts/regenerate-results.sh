#!/usr/bin/env bash
# Regenerates results/<name>/ for the built-in reference and every shipped scenario in
# scenarios/ with the release build. The ShippedResultsTests tests check that a fresh run
# reproduces them byte for byte.
#   scripts/regenerate-results.sh [--clean]   (--clean rebuilds the release products from scratch)
# SwiftPM's incremental release build can link a stale specialisation after a struct's layout
# or an @inlinable body changes; a run that crashes is therefore retried once after a clean build.
set -euo pipefail
cd "$(dirname "$0")/.."

clean_build() { rm -rf .build/*/release .build/release; }
[ "${1:-}" = "--clean" ] && clean_build

regenerate() {
  # `|| return 1` on each step: bash ignores `set -e` inside a function called as an `if`
  # condition, so without it a crashing run would go unnoticed.
  swift build -c release --product platform-sim >&2 || return 1
  .build/release/platform-sim run --out results/reference --quiet || return 1  # the built-in reference
  echo results/reference >&2
  for file in scenarios/*.json; do
    name=$(basename "$file" .json)
    .build/release/platform-sim run "$file" --out "results/$name" --quiet || return 1
    echo "results/$name" >&2
  done
}

if ! regenerate; then
  echo "a run failed; rebuilding the release products from scratch and trying again" >&2
  clean_build
  regenerate
fi
