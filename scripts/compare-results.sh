#!/usr/bin/env bash
# Runs the built-in reference and every shipped single-run scenario with the release build
# into a scratch folder and compares the reports byte for byte with results/ (experiments are
# skipped: they take minutes). For performance work: a change that should not alter the model
# must print "identical" for every scenario.
#   scripts/compare-results.sh [--scratch-path DIR] [SCENARIO.json ...]
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=.build
if [ "${1:-}" = "--scratch-path" ]; then scratch=$2; shift 2; fi
swift build -c release --scratch-path "$scratch" --product platform-sim >&2
binary="$scratch/release/platform-sim"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
files=("$@")
[ ${#files[@]} -eq 0 ] && files=(reference scenarios/*.json)
status=0
for file in "${files[@]}"; do
  if [ "$file" = reference ]; then name=reference; args=(); else
    name=$(basename "$file" .json)
    grep -q '"replications"\|"sweep"' "$file" && continue
    args=("$file")
  fi
  "$binary" run "${args[@]}" --out "$out/$name" --quiet
  if diff -rq "results/$name" "$out/$name" >/dev/null; then echo "identical  $name"
  else echo "DIFFERENT  $name"; diff -rq "results/$name" "$out/$name" | head -5; status=1; fi
done
exit $status
