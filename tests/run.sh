#!/bin/sh
# Run every suite: host unit tests (sanitized), the same and ctrpol under
# valgrind, static analysis of tools/ and checkpatch of kernel/, then the VM
# suites, one boot per kernel command line.  The last line is "N passed, N failed".
# Usage: FUZZERS="FUZZER..." tests/run.sh UNIT_TEST...   (make check passes them)
#        tests/run.sh --node    (make check-node: the node suite, tests/node/, on
#                                the node image; logs in build/test-logs-node)
#        tests/run.sh --debug   (make check-debug: the VM suites only, on the
#                                debug kernel, build/kernel-debug; logs in
#                                build/test-logs-debug, consoles
#                                build/vm/console-debug-*.log)
set -u

project=$(cd "$(dirname "$0")/.." && pwd)
debug= node=
if [ "${1:-}" = --node ]; then
	node=1
	shift
fi
if [ "${1:-}" = --debug ]; then
	debug=1
	shift
	# KASAN, lockdep and kmemleak make the guest several times slower and
	# hungrier (KASAN's shadow is 1/8 of memory, plus its quarantine).
	KIMAGE=${KIMAGE:-$project/build/kernel-debug/arch/x86/boot/bzImage}
	VM_MEM=${VM_MEM:-1024}
	VM_TIMEOUT=${VM_TIMEOUT:-1800}
	# Each test case's limit, 60 s by default (tests/lib/harness.c): 5 times that.
	VM_APPEND=${VM_APPEND:-ctrpol.timeout=300}
	export KIMAGE VM_MEM VM_TIMEOUT VM_APPEND
fi
logdir=$project/build/test-logs${debug:+-debug}${node:+-node}
all=$logdir/all.tap
mkdir -p "$logdir"
: >"$all"

# The runner that judges each suite whole (tests/runner/tap_run.c): a suite
# that crashes, exits non-zero without a failed case, or prints a plan that is
# missing or not what it ran (a sanitizer report, a stop halfway) fails with
# a "not ok" line that names it and why.
export TAP_RUN="$project/build/obj/tests/runner/tap-run"
[ -x "$TAP_RUN" ] || { echo "not ok - $TAP_RUN missing: run 'make unit-tests'"; exit 1; }

# suite [--no-plan] NAME COMMAND...: show and record its TAP.  --no-plan: the
# output holds many TAP streams, each judged where it was made (a VM boot's).
suite() {
	plan=
	if [ "$1" = --no-plan ]; then
		plan=$1
		shift
	fi
	name=$1
	shift
	echo "== $name"
	out=$logdir/$(echo "$name" | tr -c 'A-Za-z0-9_\n-' _).tap
	"$TAP_RUN" $plan "$name" "$@" >"$out" 2>&1
	cat "$out"
	grep -E '^(not )?ok ' "$out" >>"$all"
}

# The node: systemd, podman and containerd need more memory and, under
# TCG, minutes; a container's first start is the slowest.
if [ -n "$node" ]; then
	VM_MEM=${VM_MEM:-2048} VM_TIMEOUT=${VM_TIMEOUT:-1800}
	export VM_MEM VM_TIMEOUT
	suite --no-plan "node (systemd, podman, containerd)" "$project/scripts/vm-boot.sh" \
		--disk "$project/build/node/node.img" --label node \
		--append "systemd.wants=ctrpol-node-tests.service" --tests node_test
	exec "$project/tests/total.sh" "$all"
fi

if [ -z "$debug" ]; then
	export CTRPOL="$project/build/asan/ctrpol"
	for t in "$@"; do
		suite "unit $(basename "$t")" "$t"
	done
	suite "golden outputs" "$project/tests/golden/run.sh"
	suite "valgrind" "$project/tests/valgrind/run.sh"
	suite "lint tools/" "$project/scripts/lint-tools.sh"
	suite "checkpatch kernel/" "$project/scripts/checkpatch-kernel.sh"
	suite "layers tools/ and kernel/" "$project/scripts/check-layers.sh"
	suite "make install" "$project/tests/install/run.sh"
	for f in ${FUZZERS:-}; do
		suite "fuzz $(basename "$f")" "$project/tests/fuzz/run.sh" "$f"
	done
fi

vm_tests=$("$project/tests/vm_suite.sh")
label=${debug:+debug-}
# On the debug kernel, with a monitor listening throughout (scripts/vm-init):
# the event path then runs under every hook the tests reach.
suite --no-plan "vm ctrpol-active${debug:+ (debug kernel)}" "$project/scripts/vm-boot.sh" \
	--label "${label}active" ${debug:+--append ctrpol.monitor} --tests "$vm_tests"
suite --no-plan "vm ctrpol-not-in-lsm${debug:+ (debug kernel)}" "$project/scripts/vm-boot.sh" \
	--label "${label}nolsm" --append lsm=landlock --tests nolsm_test
# make bench's guest program in smoke mode, with the LSMs it compares ctrpol with.
if [ -z "$debug" ]; then
	suite --no-plan "vm bench smoke (ctrpol, AppArmor, Landlock)" "$project/scripts/vm-boot.sh" \
		--label bench-smoke --append "lsm=landlock,ctrpol,apparmor" \
		--tests bench_test
fi

"$project/tests/total.sh" "$all"
