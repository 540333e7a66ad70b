#!/bin/sh
# Memcheck over the plain build (valgrind cannot run ASan's): every host unit
# test, built by `make unit-tests` as build/obj/tests/NAME_test, and ctrpol
# itself on the shipped policies and on the failure paths of each kind of
# command.  Prints TAP, one line per program run.
#
# A case passes when its program exits as expected and valgrind reported
# nothing: no invalid access, no use of uninitialised memory, no block
# definitely or indirectly lost.  Every process writes its own report
# (build/valgrind/CASE.PID.log, the harness forks one child per test), so a
# report counts even when the exit status cannot tell it: valgrind's
# --error-exitcode=1 is also "denied" for explain and "failed" for oci-hook.
#
# Not every golden case runs here: each run pays about a second of valgrind
# start-up, and the 130 golden runs take two minutes more; the cases below
# reach the same code (parser, linter, compiler, verifier, dump, explain of
# every class, the no-LSM and usage paths).  The unit tests do not trace the
# ctrpol that cli_test starts (60 more runs) for the same reason.
set -u
project=$(cd "$(dirname "$0")/../.." && pwd)
work=$project/build/valgrind
ctrpol=$project/build/ctrpol
n=0 failed=0
start=$(date +%s)

rm -rf "$work"
mkdir -p "$work"
cd "$project" || exit 1

# run WANT NAME COMMAND...: one case; WANT lists the exit statuses COMMAND may have.
run() {
	want=$1 case=$2
	shift 2
	n=$((n + 1))
	valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect \
		--log-file="$work/$n.%p.log" "$@" >"$work/$n.out" 2>&1 </dev/null
	rc=$?
	find "$work" -name "$n.*.log" -empty -delete
	reports=$(find "$work" -name "$n.*.log" | sort)
	case " $want " in
	*" $rc "*) expected=1 ;;
	*) expected=0 ;;
	esac
	if [ $expected = 1 ] && [ -z "$reports" ]; then
		echo "ok $n $case"
		return
	fi
	failed=$((failed + 1))
	echo "not ok $n $case"
	if [ $expected = 0 ]; then
		# Of a unit test's output, what is not a passing case.
		echo "# exit status $rc, expected $want; its output ends:"
		grep -v '^ok ' "$work/$n.out" | tail -20 | sed 's/^/#   /'
	fi
	for log in $reports; do
		echo "# valgrind's report, $log:"
		head -60 "$log" | sed 's/^/#   /'
	done
}

# The harness's time limit is for a test, not for one under valgrind.
export HARNESS_TIMEOUT=600 CTRPOL="$ctrpol"
for src in tests/unit/*_test.c; do
	name=$(basename "$src" .c)
	run 0 "unit $name" "build/obj/tests/$name"
done

for p in policies/*.ctp; do
	name=$(basename "$p" .ctp)
	run 0 "check $p" "$ctrpol" check "$p"
	run 0 "compile $p" "$ctrpol" compile "$p" -o "$work/$name.ctpb"
	run 0 "dump its blob" "$ctrpol" dump "$work/$name.ctpb"
done
run 0 "dump tests/golden/dump/all_constructs.ctp" \
	"$ctrpol" dump tests/golden/dump/all_constructs.ctp
# Every diagnostic the golden suite knows, from one process: errors, warnings, include cycles.
run 5 "check tests/golden/errors/*.ctp" "$ctrpol" check tests/golden/errors/*.ctp
head -c 200 "$work/web.ctpb" >"$work/truncated.ctpb"
run 5 "dump a truncated blob" "$ctrpol" dump "$work/truncated.ctpb"
# Allowed (0) or denied (1): the verdicts are the golden suite's to check.
run "0 1" "explain a blob" "$ctrpol" explain "$work/web.ctpb" read /etc/shadow
cd_policy=policies/container-default.ctp
run "0 1" "explain file" "$ctrpol" explain "$cd_policy" read /etc/shadow
run "0 1" "explain cap" "$ctrpol" explain "$cd_policy" cap sys_admin
run "0 1" "explain net" "$ctrpol" explain "$cd_policy" net connect tcp 192.0.2.1 port 443
run "0 1" "explain mount" "$ctrpol" explain "$cd_policy" mount mount tmpfs /tmp
run "0 1" "explain signal" "$ctrpol" explain "$cd_policy" signal term unconfined
run "0 1" "explain ptrace" "$ctrpol" explain "$cd_policy" ptrace read unconfined
run "0 1" "explain kernel" "$ctrpol" explain "$cd_policy" kernel bpf
run "0 1" "explain privilege" "$ctrpol" explain "$cd_policy" privilege root
run 2 "explain, a usage error" "$ctrpol" explain "$cd_policy" frob /x

# What needs the LSM, on a host without it: the tool says so and exits 3.
if grep -qs ctrpol /sys/kernel/security/lsm; then
	echo "ok $((n += 1)) commands without the LSM # SKIP this host runs the ctrpol LSM"
else
	run 3 "status without the LSM" "$ctrpol" status
	run 3 "list without the LSM" "$ctrpol" list
	run 3 "load without the LSM" "$ctrpol" load policies/web.ctp
	run 3 "monitor without the LSM" "$ctrpol" monitor
fi
run 2 "learn, a usage error" "$ctrpol" learn --cgroup /tmp -o "$work/x.ctp" --duration 1m
run 1 "oci-hook, no state" "$ctrpol" oci-hook

echo "1..$n"
echo "# $(($(date +%s) - start)) s"
[ "$failed" -eq 0 ]
