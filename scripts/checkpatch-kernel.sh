#!/bin/sh
# The kernel's own style checker, strict, over the LSM's sources: what
# upstream review would ask of them first.  checkpatch.pl comes with the
# kernel tree that `make kernel` unpacks (KSRC, as scripts/kernel-build.sh
# has it); without one the check is skipped.  Prints TAP: one line, every
# finding a comment.
set -u
project=$(cd "$(dirname "$0")/.." && pwd)
checkpatch=${KSRC:-$project/build/linux-source-6.12}/scripts/checkpatch.pl
log=$project/build/lint/checkpatch.log

cd "$project" || exit 1
files=$(ls kernel/*.c kernel/*.h kernel/shared/* kernel/tests/*)
name="checkpatch --strict: $(echo "$files" | wc -l) files of kernel/"
if [ ! -f "$checkpatch" ]; then
	echo "ok 1 $name # SKIP no $checkpatch: run 'make kernel' (or set KSRC)"
	echo "1..1"
	exit 0
fi
mkdir -p "$(dirname "$log")"
# Not a kernel tree here (--no-tree); whole files, not a patch.
# shellcheck disable=SC2086
perl "$checkpatch" --strict --no-tree --file --terse --show-types --no-summary $files >"$log" 2>&1
rc=$?
if [ "$rc" -eq 0 ] && [ ! -s "$log" ]; then
	echo "ok 1 $name"
else
	echo "not ok 1 $name"
	sed 's/^/# /' "$log"
fi
echo "1..1"
[ "$rc" -eq 0 ] && [ ! -s "$log" ]
