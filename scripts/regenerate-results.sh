#!/usr/bin/env bash
# Regenerates results/<name>/ for every shipped scenario in scenarios/ with the release build.
# The ShippedResultsTests test checks that a fresh run reproduces them byte for byte.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product platform-sim >&2
.build/release/platform-sim run --out results/reference --quiet  # the built-in reference
echo results/reference >&2
for file in scenarios/*.json; do
  name=$(basename "$file" .json)
  .build/release/platform-sim run "$file" --out "results/$name" --quiet
  echo "results/$name" >&2
done
