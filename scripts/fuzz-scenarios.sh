#!/usr/bin/env bash
# Fuzzes the scenario loader and runner with the release build of platform-sim-fuzz: mutated
# copies of scenarios/*.json through `validate`, then mutated one-hour scenarios through
# `validate` and `run`. If the fuzzer process dies (a trap, a hang caught by its watchdog, the
# memory bound), the input it was on is saved in OUT/crashers with the last standard error,
# and the campaign goes on from the next input. Exits 0 when every input ended in 0, 65 or 66.
#   scripts/fuzz-scenarios.sh [--seed N] [--validate N] [--runs M] [--out DIR] [other options]
# The long run of docs/fuzzing.md:
#   scripts/fuzz-scenarios.sh --seed 1 --validate 100000 --runs 2000 --out /tmp/fuzz-1
set -uo pipefail
cd "$(dirname "$0")/.."
out=fuzz-out
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=$2; shift 2 ;;
    --start) echo "fuzz-scenarios.sh: --start is managed by the script" >&2; exit 64 ;;
    *) args+=("$1"); shift ;;
  esac
done
swift build -c release --product platform-sim-fuzz >&2 || exit 70
binary=.build/release/platform-sim-fuzz
mkdir -p "$out/crashers"
rm -f "$out"/counts-*.txt
start=0
deaths=0
while true; do
  "$binary" "${args[@]}" --out "$out" --start "$start"
  status=$?
  if [ ! -f "$out/current.txt" ]; then
    # Finished: 0 (clean) or 1 (inputs broke a rule, listed above).
    echo "totals over all segments:"
    cat "$out"/counts-*.txt | awk '{ key = ($1 == "failures" || $1 == "seconds") ? $1 : $1 " exit " $2;
      total[key] += ($1 == "failures" || $1 == "seconds") ? $2 : $3 }
      END { for (k in total) print "  " k ": " total[k] }' | sort
    echo "  inputs that ended the process: $deaths"
    [ $deaths -gt 0 ] && echo "fuzz-scenarios.sh: $deaths inputs ended the process (see $out/crashers)" >&2
    [ $status -eq 0 ] && [ $deaths -eq 0 ] && exit 0
    exit 1
  fi
  read -r index label < "$out/current.txt"
  deaths=$((deaths + 1))
  if [ ! -f "$out/crashers/$label.json" ]; then
    cp "$out/work/fuzz-input.json" "$out/crashers/$label.json"
    { echo "process died with status $status"; head -c 8000 "$out/work/stderr.txt"; } > "$out/crashers/$label.txt"
  fi
  echo "fuzz-scenarios.sh: input $index ($label) ended the process (status $status); saved in $out/crashers; going on" >&2
  rm -f "$out/current.txt"
  start=$((index + 1))
done
