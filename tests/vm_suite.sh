#!/bin/sh
# The guest tests of make check's main boot, comma-separated, in name order:
# zz_kmemleak_test, which checks what the others leaked, comes last.
# nolsm_test and bench_test need boots of their own (tests/run.sh).
set -eu
cd "$(dirname "$0")/../build/obj/tests/vm"
list=
for t in *_test; do
	case $t in
	nolsm_test | bench_test) ;;
	*) list=${list:+$list,}$t ;;
	esac
done
echo "$list"
