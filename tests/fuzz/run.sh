#!/bin/sh
# Run one libFuzzer target for a bounded time and print one TAP line.
# Usage: tests/fuzz/run.sh build/fuzz/NAME_fuzz
# Environment: FUZZ_SECONDS (default 30), CTRPOL (the ctrpol that compiles seeds)
#
# Inputs: tests/fuzz/corpus/NAME (committed seeds and minimized finds), plus
# seeds made now from the shipped policies and the golden cases: their text
# for "parse", their compiled blobs for "verify" (so they follow the format).
# Standard input is /dev/null: a policy may include "/proc/self/fd/0".
# New inputs accumulate in build/fuzz/NAME-corpus; a crash is kept as
# build/fuzz/NAME-crash-* and reproduces with: FUZZER build/fuzz/NAME-crash-*
set -u

fuzzer=$1
name=$(basename "$fuzzer" _fuzz)
project=$(cd "$(dirname "$0")/../.." && pwd)
work=$project/build/fuzz
seeds=$work/$name-seeds
ctrpol=${CTRPOL:-$project/build/ctrpol}

rm -rf "$seeds"
mkdir -p "$seeds" "$work/$name-corpus"
for f in "$project"/policies/*.ctp "$project"/policies/abstractions/*.ctp \
	"$project"/tests/golden/*/*.ctp; do
	seed=$seeds/$(basename "$(dirname "$f")")-$(basename "$f" .ctp)
	case $name in
	parse) cp "$f" "$seed" ;;
	verify) "$ctrpol" compile "$f" -o "$seed" >/dev/null 2>&1 || rm -f "$seed" ;;
	esac
done

log=$work/$name.log
"$fuzzer" -max_total_time="${FUZZ_SECONDS:-30}" -timeout=10 -rss_limit_mb=2048 \
	-artifact_prefix="$work/$name-crash-" -print_final_stats=1 \
	"$work/$name-corpus" "$project/tests/fuzz/corpus/$name" "$seeds" </dev/null >"$log" 2>&1
rc=$?
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
if [ $rc -eq 0 ]; then
	echo "ok 1 fuzz $name: ${runs:-?} inputs in ${FUZZ_SECONDS:-30} s, no crash, leak or hang"
else
	echo "not ok 1 fuzz $name: exit $rc; the report:"
	grep -E 'ERROR|SUMMARY|Test unit written|#0 |#1 |#2 |#3 ' "$log" | head -20 | sed 's/^/# /'
fi
echo "1..1"
exit $rc
