#!/bin/sh
# make mutation: do the tests notice when the kernel is wrong?  Builds the
# kernel once as it is (that run must pass) and once with each planted fault
# of tests/mutation/*.patch, boots the VM suite on each, and prints one TAP
# line per mutant: ok when some test failed ("caught by" names which), not
# ok when every test passed (a test is missing: add it).
# Usage: scripts/mutation-run.sh [MUTANT.patch...]   (default: all of them)
# Environment: MUTATION_TESTS (the guest tests to boot; default: those of
#              make check's main boot), and vm-boot.sh's.
# The mutants are applied to a copy of the kernel sources in build/mutation,
# never to the checkout; the copy's kernel tree and build stay there, so a
# second run rebuilds only what a mutant changes (ccache holds the rest).
set -eu

project=$(cd "$(dirname "$0")/.." && pwd)
work=$project/build/mutation
copy=$work/project
if [ $# -eq 0 ]; then
	set -- "$project"/tests/mutation/*.patch
fi
tests=${MUTATION_TESTS:-$("$project/tests/vm_suite.sh")}
[ -f "$project/build/vm/initramfs.cpio.gz" ] ||
	{ echo "mutation: no initramfs: run 'make initramfs'" >&2; exit 1; }

# The sources a kernel build reads from the project, fresh: every file gets
# a new time, so that what the previous mutant changed is rebuilt too.
fresh_copy() {
	rm -rf "$copy/kernel" "$copy/scripts"
	mkdir -p "$copy"
	cp -r "$project/kernel" "$project/scripts" "$copy/"
	cp "$project/Kbuild" "$copy/"
}

# run LABEL: build the copy's kernel and boot the suite on it; prints the
# names of the tests that failed (or what else failed), nothing if none did.
# Fails when the kernel does not build.
run() {
	log=$work/$1.log
	"$copy/scripts/kernel-build.sh" >>"$log" 2>&1 || return 1
	KIMAGE=$copy/build/kernel/arch/x86/boot/bzImage \
		INITRAMFS=$project/build/vm/initramfs.cpio.gz \
		"$project/scripts/vm-boot.sh" --label "mutation-$1" --tests "$tests" \
		>>"$log" 2>&1 || true
	# The tests that failed, by tap-run's end lines; then what the boot
	# itself reported (a kernel warning, a guest that did not finish).
	{
		sed -n 's/^# tap-run: end \([^:]*\): [0-9]* passed, [1-9][0-9]* failed.*/\1/p' "$log"
		sed -n 's/^not ok - mutation-[^:]*: \(.*\)/\1/p' "$log" | sed 's/;.*//'
	} | paste -sd, - | sed 's/,/, /g'
}

start=$(date +%s)
mkdir -p "$work"
rm -f "$work"/*.log
fresh_copy
if ! failed=$(run unmutated); then
	echo "not ok 1 the unmutated kernel does not build: see $work/unmutated.log"
	echo "1..1"
	exit 1
fi
if [ -n "$failed" ]; then
	echo "not ok 1 the unmutated kernel fails: $failed; see $work/unmutated.log"
	echo "1..1"
	exit 1
fi
echo "ok 1 the unmutated kernel passes ($(($(date +%s) - start)) s)"
n=1 survived=0
for patch in "$@"; do
	n=$((n + 1))
	name=$(basename "$patch" .patch)
	what=$(head -1 "$patch")
	t0=$(date +%s)
	fresh_copy
	if ! patch -s -p1 -d "$copy" <"$patch" >"$work/$name.log" 2>&1; then
		echo "not ok $n $name: does not apply (see $work/$name.log): $what"
		survived=$((survived + 1))
		continue
	fi
	if ! caught=$(run "$name"); then
		echo "not ok $n $name: does not build (see $work/$name.log): $what"
		survived=$((survived + 1))
	elif [ -n "$caught" ]; then
		echo "ok $n $name: caught by $caught ($(($(date +%s) - t0)) s): $what"
	else
		echo "not ok $n $name: survived, every test passed: $what"
		survived=$((survived + 1))
	fi
done
echo "1..$n"
echo "# mutation: $((n - 1 - survived)) of $((n - 1)) mutants caught in $(($(date +%s) - start)) s"
[ "$survived" -eq 0 ]
