#!/bin/sh
# Run every suite: host unit tests (sanitized), the same and ctrpol under
# valgrind, static analysis of tools/ and checkpatch of kernel/, then the VM
# suites, one boot per kernel command line.  The last line is "N passed, N failed".
# Usage: FUZZERS="FUZZER..." tests/run.sh UNIT_TEST...   (make check passes them)
set -u

project=$(cd "$(dirname "$0")/.." && pwd)
logdir=$project/build/test-logs
all=$logdir/all.tap
mkdir -p "$logdir"
: >"$all"

# suite NAME COMMAND...: show and record its TAP; a suite that fails without
# saying which test failed (a crash, a sanitizer report) counts as a failure.
suite() {
	name=$1
	shift
	echo "== $name"
	out=$logdir/$(echo "$name" | tr -c 'A-Za-z0-9_\n-' _).tap
	"$@" >"$out" 2>&1
	rc=$?
	cat "$out"
	grep -E '^(not )?ok ' "$out" >>"$all"
	if [ $rc -ne 0 ] && ! grep -q '^not ok' "$out"; then
		echo "not ok - $name exited $rc" | tee -a "$all"
	fi
}

export CTRPOL="$project/build/asan/ctrpol"
for t in "$@"; do
	suite "unit $(basename "$t")" "$t"
done
suite "golden outputs" "$project/tests/golden/run.sh"
suite "valgrind" "$project/tests/valgrind/run.sh"
suite "lint tools/" "$project/scripts/lint-tools.sh"
suite "checkpatch kernel/" "$project/scripts/checkpatch-kernel.sh"
suite "make install" "$project/tests/install/run.sh"
for f in ${FUZZERS:-}; do
	suite "fuzz $(basename "$f")" "$project/tests/fuzz/run.sh" "$f"
done

vm_tests=$(cd "$project/build/obj/tests/vm" && ls -- *_test | grep -v '^nolsm_' | paste -sd, -)
suite "vm ctrpol-active" "$project/scripts/vm-boot.sh" --label active --tests "$vm_tests"
suite "vm ctrpol-not-in-lsm" "$project/scripts/vm-boot.sh" --label nolsm \
	--append lsm=landlock --tests nolsm_test

skipped=$(grep -c '^ok .*# SKIP' "$all")
passed=$(($(grep -c '^ok ' "$all") - skipped))
failed=$(grep -c '^not ok' "$all")
echo
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
