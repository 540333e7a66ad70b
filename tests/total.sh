#!/bin/sh
# The line that ends a run: "N passed, N failed, N skipped", over the TAP
# of one or more runs (make check, make check-debug).  A run that left no
# results counts as a failure.  Exits 1 when anything failed.
# Usage: tests/total.sh ALL.TAP...
set -u

passed=0 failed=0 skipped=0
for tap in "$@"; do
	if [ ! -s "$tap" ]; then
		echo "not ok - no results in $tap: the run stopped before its tests (see above)"
		failed=$((failed + 1))
		continue
	fi
	s=$(grep -c '^ok .*# SKIP' "$tap")
	skipped=$((skipped + s))
	passed=$((passed + $(grep -c '^ok ' "$tap") - s))
	failed=$((failed + $(grep -c '^not ok' "$tap")))
done
echo
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
