#!/usr/bin/env bash
# Rewrites every golden output listed in Fixtures/goldens.txt with the current build.
# Read the diff afterwards: a golden file changes only when the output is meant to change.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build
bin=.build/debug/tlpcheck
grep -v '^#' Fixtures/goldens.txt | while IFS= read -r line; do
    [ -n "$line" ] || continue
    expected=${line%%:*}
    expected=${expected%% *}   # an "exit=N" after the file name is for the tests
    args=${line#*: }
    # shellcheck disable=SC2086
    "$bin" $args > "$expected" 2>/dev/null || true
    echo "wrote $expected"
done
